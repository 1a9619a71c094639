using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders;
using Orleans.Runtime;

namespace Command.Tests.Support;

/// <summary>
/// A test's fake clock drives the grains (their timers and the time they read); Orleans' own machinery keeps real
/// time, so that jumping the fake clock by hours does not time out calls, expire membership or resume its loops inline.
/// </summary>
public static class OrleansClocks
{
    public static IServiceCollection KeepOrleansOnRealTime(this IServiceCollection services, bool collectOnFakeClock = false)
    {
        string[] real = [TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
            TimeProviderNames.GrainDirectory, ReminderTimeProviderNames.Reminders];
        foreach (string key in collectOnFakeClock ? real : [.. real, TimeProviderNames.ActivationManagement])
        {
            services.AddKeyedSingleton(key, TimeProvider.System);
        }
        return services;
    }
}
