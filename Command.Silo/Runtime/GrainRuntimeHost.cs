using Microsoft.Extensions.Options;

namespace Command.Silo.Runtime;

/// <summary>Starts reminders and idle collection with the host, and deactivates every grain on shutdown.</summary>
internal sealed class GrainRuntimeHost(
    GrainCatalog catalog,
    ReminderService reminders,
    GrainFactory factory,
    TimeProvider time,
    IOptions<GrainRuntimeOptions> options) : IHostedService, IDisposable
{
    private ITimer? collector;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await reminders.StartAsync(factory.GetRemindable, cancellationToken).ConfigureAwait(false);
        var quantum = options.Value.CollectionQuantum;
        collector = time.CreateTimer(_ => _ = catalog.CollectIdleAsync(), null, quantum, quantum);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        collector?.Dispose();
        reminders.Dispose();
        await catalog.DeactivateAllAsync().ConfigureAwait(false);
    }

    public void Dispose() => collector?.Dispose();
}
