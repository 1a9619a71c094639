using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Command.Tests.Support;

/// <summary>
/// A logging provider that keeps everything a test host logs at every level, as a provider sees it: the formatted
/// message, each structured value, each scope and the exception's text. Added beside the host's own providers, it
/// stands behind whatever the host does to log events before they reach a provider.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => $"{p.Key}={p.Value}").ToList()
                : [];
            var scopeTexts = new List<string>();
            owner.scopes.ForEachScope((scope, list) =>
            {
                list.Add(scope?.ToString() ?? "");
                if (scope is IEnumerable<KeyValuePair<string, object?>> scopePairs)
                {
                    list.AddRange(scopePairs.Select(p => $"{p.Key}={p.Value}"));
                }
            }, scopeTexts);
            owner.entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), values, scopeTexts, exception?.ToString()));
        }
    }
}
