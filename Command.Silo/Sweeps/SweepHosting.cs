namespace Command.Silo.Sweeps;

public static class SweepHosting
{
    public static IServiceCollection AddSweeps(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SweepOptions>(configuration.GetSection("Sweeps"));
        services.AddSingleton<SweepSchedule>();
        services.AddSingleton<SweepBoard>();
        return services;
    }
}
