using Command.Abstractions.Runtime;
using Command.Silo.Runtime;
using Command.Silo.Storage;
using Command.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Command.Tests.Runtime;

/// <summary>The grain runtime alone, on a given store and a fake clock: one "process" of a silo.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly List<IHostedService> hosted;

    private TestSilo(ServiceProvider services)
    {
        this.services = services;
        hosted = [.. services.GetServices<IHostedService>()];
    }

    public IGrainFactory Grains => services.GetRequiredService<IGrainFactory>();

    public ActivationLog Log => services.GetRequiredService<ActivationLog>();

    internal GrainCatalog Catalog => services.GetRequiredService<GrainCatalog>();

    public static async Task<TestSilo> StartAsync(IEventJournal journal, IReminderTable reminders, FakeTimeProvider time, ActivationLog? log = null)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(journal)
            .AddSingleton(reminders)
            .AddSingleton(log ?? new ActivationLog())
            .AddGrainRuntime(o =>
            {
                o.CollectionAge = TimeSpan.FromMinutes(10);
                o.CollectionQuantum = TimeSpan.FromMinutes(1);
            })
            .AddGrain<ICounterGrain, CounterGrain>()
            .BuildServiceProvider();
        var silo = new TestSilo(services);
        foreach (var service in silo.hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }
        await services.DisposeAsync();
    }
}
