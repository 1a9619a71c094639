using System.Collections.Concurrent;

namespace Command.Silo.Hosting.Logging;

/// <summary>
/// The host's logger factory, wrapped: every logger it hands out scrubs (<see cref="LogScrubber"/>) what it passes on.
/// The providers stay those of the inner factory, with their own types, so filter rules per provider
/// (Logging:Console:LogLevel …) keep working.
/// </summary>
public sealed class ScrubbingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ScrubbingLogger> loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) =>
        loggers.GetOrAdd(categoryName, (name, factory) => new ScrubbingLogger(factory.CreateLogger(name)), inner);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
