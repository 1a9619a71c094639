using Microsoft.Extensions.Logging;

namespace Command.Benchmarks.Load;

/// <summary>One category's logger for <see cref="BenchLog"/>: warnings and above, with the exception's message.</summary>
internal sealed class BenchLogger(BenchLog log, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            log.Add(logLevel, category, exception is null ? formatter(state, exception) : $"{formatter(state, exception)} ({exception.GetType().Name}: {exception.Message})");
        }
    }
}
