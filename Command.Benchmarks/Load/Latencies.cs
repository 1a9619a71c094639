namespace Command.Benchmarks.Load;

/// <summary>Latency samples in milliseconds and their nearest-rank percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> sorted;

    public Latencies(IEnumerable<double> milliseconds)
    {
        sorted = [.. milliseconds];
        sorted.Sort();
    }

    public int Count => sorted.Count;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Max => sorted.Count == 0 ? double.NaN : sorted[^1];

    public double Percentile(double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    public string Summary => $"p50 {BenchFormat.Ms(P50)} · p99 {BenchFormat.Ms(P99)} · max {BenchFormat.Ms(Max)}";

    public Dictionary<string, double> Values(string prefix = "") => new()
    {
        [prefix + "p50Ms"] = P50,
        [prefix + "p99Ms"] = P99,
        [prefix + "maxMs"] = Max,
        [prefix + "samples"] = Count,
    };
}
