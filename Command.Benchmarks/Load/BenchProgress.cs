using System.Diagnostics;
using System.Globalization;

namespace Command.Benchmarks.Load;

/// <summary>
/// The progress bar on standard error, so that standard output keeps only the table. On a terminal it is one line
/// redrawn in place with a carriage return; when standard error is a file or a pipe (CI), it writes a plain line when a
/// part starts and at most every few seconds after, since a log full of carriage returns is unreadable.
/// </summary>
public sealed class BenchProgress(TextWriter output, bool interactive)
{
    private const int BarWidth = 28;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private string part = "";
    private int index;
    private int count = 1;
    private TimeSpan? lastWrite;
    private int lineLength;

    public static BenchProgress ForStandardError() => new(System.Console.Error, !System.Console.IsErrorRedirected);

    public void Begin(string name, int partIndex, int partCount)
    {
        lock (gate)
        {
            part = name;
            index = partIndex;
            count = Math.Max(1, partCount);
            lastWrite = null;
        }
        Report(0, null, force: true);
    }

    /// <param name="fraction">How far the current part is, 0 to 1.</param>
    public void Report(double fraction, string? detail = null, bool force = false)
    {
        lock (gate)
        {
            var now = clock.Elapsed;
            if (!force && lastWrite is { } last && now - last < (interactive ? RedrawEvery : LogEvery))
            {
                return;
            }
            lastWrite = now;
            double overall = Math.Clamp((index + Math.Clamp(fraction, 0, 1)) / count, 0, 1);
            string elapsed = now.ToString(@"m\:ss", CultureInfo.InvariantCulture);
            string text = $"{overall * 100,3:0}% {elapsed} {part}{(detail is null ? "" : ": " + detail)}";
            if (interactive)
            {
                int filled = (int)Math.Round(overall * BarWidth);
                string line = $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] {text}";
                output.Write("\r" + line.PadRight(lineLength));
                lineLength = line.Length;
            }
            else
            {
                output.WriteLine("bench " + text);
            }
            output.Flush();
        }
    }

    /// <summary>Clears the bar, so the table that follows starts on a clean line.</summary>
    public void End()
    {
        lock (gate)
        {
            if (interactive && lineLength > 0)
            {
                output.Write("\r" + new string(' ', lineLength) + "\r");
                output.Flush();
                lineLength = 0;
            }
        }
    }
}
