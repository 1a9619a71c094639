namespace Command.Benchmarks.Load;

/// <summary>
/// One line of the results table. <see cref="Result"/>, <see cref="Baseline"/> and <see cref="RatioText"/> are what
/// people read; <see cref="Values"/> holds the same numbers, unrounded and unit-suffixed by name, for the JSON file.
/// A row with <see cref="Broken"/> set means that part did not work, which fails the run.
/// </summary>
public sealed record BenchRow(string Part, string Measure, string Result)
{
    public IReadOnlyDictionary<string, double> Values { get; init; } = new Dictionary<string, double>();

    public string? Baseline { get; init; }

    /// <summary>Ours against the baseline, in the direction the goal states it (×, or % of the baseline).</summary>
    public double? Ratio { get; init; }

    public string? RatioText { get; init; }

    public string? Goal { get; init; }

    /// <summary>Null where the row has no goal.</summary>
    public bool? Met { get; init; }

    public string? Broken { get; init; }

    public static BenchRow Failed(string part, string measure, string why) => new(part, measure, "broken") { Broken = why };
}
