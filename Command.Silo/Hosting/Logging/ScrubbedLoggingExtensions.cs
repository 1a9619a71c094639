using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Command.Silo.Hosting.Logging;

public static class ScrubbedLoggingExtensions
{
    /// <summary>
    /// Replaces the host's logger factory with one whose loggers scrub (<see cref="ScrubbingLoggerFactory"/>). The inner
    /// factory is built as the host builds its own, from every provider registered by the time the container is built,
    /// so a provider added later (a test's, the console's) is scrubbed too.
    /// </summary>
    public static IServiceCollection AddScrubbedLogging(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new ScrubbingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));
        return services;
    }
}
