using Orleans;
using Command.Silo.Hosting;
using Command.Silo.Storage;
using Command.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Command.Tests.Runtime;

/// <summary>An Orleans silo with the project's grain layer alone (journal, deadlines, call-chain filters), on a given
/// store and a fake clock: one "process" of a silo.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost host;

    private TestSilo(IHost host) => this.host = host;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public ActivationLog Log => host.Services.GetRequiredService<ActivationLog>();

    public static async Task<TestSilo> StartAsync(IEventJournal journal, Command.Silo.Storage.IDeadlineTable reminders, FakeTimeProvider time, ActivationLog? log = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Runtime:CollectionAge"] = "00:10:00";
        builder.Configuration["Runtime:CollectionQuantum"] = "00:01:00";
        builder.Services
            .Configure<SiloOptions>(o => o.SiloPort = 0)
            .AddSingleton<TimeProvider>(time)
            .KeepOrleansOnRealTime(collectOnFakeClock: true)
            .AddSingleton(journal)
            .AddSingleton(reminders)
            .AddSingleton(log ?? new ActivationLog());
        builder.AddGrains(new SiloOptions { Storage = StorageKind.Memory });
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
