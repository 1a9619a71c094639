namespace Command.Silo.Hosting.Logging;

/// <summary>
/// Formats the message once, scrubs it, and hands the providers a state that carries the scrubbed message and values
/// in place of the original: no provider, whatever its level or format, can reach the raw text.
/// </summary>
public sealed class ScrubbingLogger(ILogger inner) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
        state is IEnumerable<KeyValuePair<string, object?>> values
            ? inner.BeginScope(new ScrubbedValues(values as IReadOnlyList<KeyValuePair<string, object?>> ?? [.. values], state, null))
            : inner.BeginScope(new ScrubbedText(state));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }
        string message = LogScrubber.Clean(formatter is null ? state?.ToString() ?? "" : formatter(state, exception));
        var scrubbed = new ScrubbedValues(state as IReadOnlyList<KeyValuePair<string, object?>> ?? [], state, message);
        inner.Log(logLevel, eventId, scrubbed, ScrubbedException.For(exception), static (s, _) => s.ToString());
    }
}
