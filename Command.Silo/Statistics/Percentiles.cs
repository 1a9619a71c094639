namespace Command.Silo.Statistics;

/// <summary>
/// Nearest-rank percentiles: the p-th percentile of n sorted values is the value at rank ⌈p·n/100⌉ (1-based), always
/// one of the values observed and never an interpolation. The median is the 50th percentile, so of an even count it is
/// the lower of the two middle values.
/// </summary>
public static class Percentiles
{
    /// <summary>Sorts <paramref name="values"/> in place; null when there are none.</summary>
    public static (int? Median, int? P90) MedianAndP90(List<int> values)
    {
        if (values.Count == 0)
        {
            return (null, null);
        }
        values.Sort();
        return (Rank(values, 50), Rank(values, 90));
    }

    /// <summary>On sorted values.</summary>
    public static int Rank(IReadOnlyList<int> sorted, int percent)
    {
        int rank = (int)Math.Ceiling(percent * (long)sorted.Count / 100.0);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>Whole seconds from <paramref name="from"/> to <paramref name="to"/>, rounded down.</summary>
    public static int Seconds(DateTimeOffset from, DateTimeOffset to) => (int)((to.UtcTicks - from.UtcTicks) / TimeSpan.TicksPerSecond);
}
