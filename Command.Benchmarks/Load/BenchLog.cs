using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Command.Benchmarks.Load;

/// <summary>
/// Keeps the bench silos' warnings and errors instead of letting them scroll through the progress bar; the run prints
/// them, counted by message, after its table. A silo under load that logs a failure is something the reader must see.
/// </summary>
public sealed class BenchLog : ILoggerProvider
{
    private const int Kept = 2_000;
    private readonly ConcurrentQueue<string> entries = new();
    private int total;

    public int Count => Volatile.Read(ref total);

    public ILogger CreateLogger(string categoryName) => new BenchLogger(this, categoryName);

    internal void Add(LogLevel level, string category, string message)
    {
        if (Interlocked.Increment(ref total) <= Kept)
        {
            entries.Enqueue($"{level} {category}: {message}");
        }
    }

    /// <summary>Distinct messages with how often each came, most frequent first.</summary>
    public IEnumerable<string> Summary() =>
        entries.GroupBy(e => e).OrderByDescending(g => g.Count()).Select(g => g.Count() == 1 ? g.Key : $"{g.Count()}× {g.Key}");

    public void Dispose()
    {
    }
}
