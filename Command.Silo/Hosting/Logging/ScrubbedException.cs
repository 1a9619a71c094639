namespace Command.Silo.Hosting.Logging;

/// <summary>
/// Stands in for a logged exception whose message (or an inner one's) holds a credential or a control character: an
/// exception message often quotes its input (FormatException does). Its text is the original's, type and stack trace
/// included, with those messages scrubbed; the stack trace keeps its own lines, as every console formatter lays it out.
/// An exception that needs nothing is passed on as it is.
/// </summary>
public sealed class ScrubbedException : Exception
{
    private readonly Exception original;
    private readonly string text;

    private ScrubbedException(Exception original) : base(LogScrubber.Clean(original.Message))
    {
        this.original = original;
        HResult = original.HResult;
        Source = original.Source;
        string full = original.ToString();
        foreach (var message in Chain(original).Select(e => e.Message).Distinct(StringComparer.Ordinal).Where(LogScrubber.NeedsCleaning).OrderByDescending(m => m.Length))
        {
            full = full.Replace(message, LogScrubber.Clean(message), StringComparison.Ordinal);
        }
        text = LogScrubber.Redact(full);
    }

    /// <summary>The exception that was logged.</summary>
    public Exception Original => original;

    public override string? StackTrace => original.StackTrace;

    public override string ToString() => text;

    public static Exception? For(Exception? exception) =>
        exception is null or ScrubbedException || !Chain(exception).Any(e => LogScrubber.NeedsCleaning(e.Message)) ? exception : new ScrubbedException(exception);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        while (pending.Count > 0 && seen.Count < 64)
        {
            var next = pending.Pop();
            if (!seen.Add(next))
            {
                continue;
            }
            yield return next;
            if (next is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (next.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
