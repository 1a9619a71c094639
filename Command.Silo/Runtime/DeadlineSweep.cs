using Command.Silo.Storage;
using Orleans.Runtime;

namespace Command.Silo.Runtime;

/// <summary>
/// Wakes every grain that holds a deadline: it activates, and takes at once whatever fell due while it was not active
/// anywhere. An Orleans reminder whose silo was down skips to its next period, a minute late; a dispatch deadline must
/// not wait for that. Run when the cluster starts and whenever a silo is declared dead (<see cref="DeadlineWatch"/>).
/// Waking a grain that is already active costs one call and changes nothing.
/// </summary>
public sealed class DeadlineSweep(IDeadlineTable table, IGrainFactory grains, ILogger<DeadlineSweep> logger)
{
    public async Task<int> WakeAllAsync(CancellationToken cancellationToken)
    {
        var owners = (await table.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => !GrainReminderTable.IsOrleansRow(r)).Select(r => r.GrainId).Distinct().ToList();
        await Parallel.ForEachAsync(owners, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (owner, _) =>
        {
            try
            {
                await grains.GetGrain<IRemindable>(GrainId.Parse(owner)).ReceiveReminder(DeadlineReminder.Name, default).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // One grain that cannot load must not keep the rest of the city waiting; its reminder tries it again.
                logger.LogError(ex, "Could not wake {Grain} for its deadlines", owner);
            }
        }).ConfigureAwait(false);
        if (owners.Count > 0)
        {
            logger.LogInformation("Woke {Count} grains that hold deadlines", owners.Count);
        }
        return owners.Count;
    }
}
