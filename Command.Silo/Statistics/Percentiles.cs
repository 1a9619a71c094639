namespace Command.Silo.Statistics;

/// <summary>
/// Nearest-rank percentiles: the p-th percentile of n sorted values is the value at rank ⌈p·n/100⌉ (1-based), always
/// one of the values observed and never an interpolation. The median is the 50th percentile, so of an even count it is
/// the lower of the two middle values.
/// </summary>
public static class Percentiles
{
    /// <summary>Reorders <paramref name="values"/>; null when there are none. Two selections instead of a sort: a year
    /// of a city's dispatch times is a few hundred thousand values, and a sort of them is most of a query's time.</summary>
    public static (int? Median, int? P90) MedianAndP90(List<int> values)
    {
        if (values.Count == 0)
        {
            return (null, null);
        }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values);
        int median = RankIndex(span.Length, 50), p90 = RankIndex(span.Length, 90);
        Select(span, median);
        // Everything after the median is no smaller than it, so the p90 is selected among those alone.
        Select(span[median..], p90 - median);
        return (span[median], span[p90]);
    }

    /// <summary>The 0-based index of the nearest rank ⌈p·n/100⌉.</summary>
    public static int RankIndex(int count, int percent) => Math.Clamp((int)Math.Ceiling(percent * (long)count / 100.0), 1, count) - 1;

    /// <summary>Quickselect (Hoare's partition, median-of-three pivot): afterwards <c>values[k]</c> is the k-th smallest,
    /// nothing before it is larger and nothing after it smaller.</summary>
    private static void Select(Span<int> values, int k)
    {
        int low = 0, high = values.Length - 1;
        while (high > low)
        {
            int mid = low + (high - low) / 2;
            if (values[mid] < values[low]) (values[mid], values[low]) = (values[low], values[mid]);
            if (values[high] < values[low]) (values[high], values[low]) = (values[low], values[high]);
            if (values[high] < values[mid]) (values[high], values[mid]) = (values[mid], values[high]);
            int pivot = values[mid];
            int i = low, j = high;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
            {
                high = j;
            }
            else if (k >= i)
            {
                low = i;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>On sorted values.</summary>
    public static int Rank(IReadOnlyList<int> sorted, int percent) => sorted[RankIndex(sorted.Count, percent)];

    /// <summary>Whole seconds from <paramref name="from"/> to <paramref name="to"/>, rounded down.</summary>
    public static int Seconds(DateTimeOffset from, DateTimeOffset to) => (int)((to.UtcTicks - from.UtcTicks) / TimeSpan.TicksPerSecond);
}
