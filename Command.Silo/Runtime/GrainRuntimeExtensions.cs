using Command.Abstractions.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Command.Silo.Runtime;

public static class GrainRuntimeExtensions
{
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeOptions>? configure = null)
    {
        services.AddOptions<GrainRuntimeOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GrainTypeRegistry>();
        services.AddSingleton<GrainCatalog>();
        services.AddSingleton<ReminderService>();
        services.AddSingleton<GrainFactory>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainFactory>());
        services.AddSingleton(sp =>
        {
            var runtime = ActivatorUtilities.CreateInstance<GrainRuntime>(sp);
            sp.GetRequiredService<GrainCatalog>().Attach(runtime);
            return runtime;
        });
        services.AddHostedService(sp =>
        {
            sp.GetRequiredService<GrainRuntime>(); // attaches the runtime to the catalog before any call
            return ActivatorUtilities.CreateInstance<GrainRuntimeHost>(sp);
        });
        return services;
    }

    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services)
        where TInterface : IGrainWithStringKey
        where TGrain : Grain, TInterface
    {
        services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TGrain)));
        return services;
    }
}
