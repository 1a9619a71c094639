using System.Globalization;

namespace Command.Benchmarks.Load;

/// <summary>How numbers read in the table: thousands separated, milliseconds to the tenth, sizes in KB or MB.</summary>
public static class BenchFormat
{
    private static readonly CultureInfo invariant = CultureInfo.InvariantCulture;

    public static string Rate(double perSecond) => perSecond.ToString("N0", invariant) + "/s";

    public static string Count(double count) => count.ToString("N0", invariant);

    public static string Ms(double milliseconds) => milliseconds switch
    {
        double.NaN => "–",
        < 0.1 => milliseconds.ToString("0.000", invariant) + " ms",
        < 10 => milliseconds.ToString("0.00", invariant) + " ms",
        _ => milliseconds.ToString("N1", invariant) + " ms",
    };

    public static string Ns(double nanoseconds) => nanoseconds.ToString("N0", invariant) + " ns";

    public static string Seconds(double seconds) => seconds.ToString("0.00", invariant) + " s";

    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        < 10 * 1024 => bytes.ToString("N0", invariant) + " B",
        < 10 * 1024 * 1024 => (bytes / 1024).ToString("N1", invariant) + " KB",
        _ => (bytes / (1024 * 1024)).ToString("N0", invariant) + " MB",
    };

    public static string Times(double ratio) => ratio.ToString("0.00", invariant) + "×";

    public static string Percent(double fraction) => (fraction * 100).ToString("0", invariant) + "%";
}
