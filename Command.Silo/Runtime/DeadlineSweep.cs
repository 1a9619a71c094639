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
    /// <summary>The attempts at a grain that cannot be reached: right after a silo is declared dead, the directory may
    /// still send a call or two to it.</summary>
    private const int Attempts = 5;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public async Task<int> WakeAllAsync(CancellationToken cancellationToken)
    {
        var owners = (await table.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => !GrainReminderTable.IsOrleansRow(r)).Select(r => r.GrainId).Distinct().ToList();
        var pending = owners;
        for (int attempt = 1; pending.Count > 0; attempt++)
        {
            var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (owner, _) =>
            {
                try
                {
                    await grains.GetGrain<IRemindable>(GrainId.Parse(owner)).ReceiveReminder(DeadlineReminder.Name, default).ConfigureAwait(false);
                }
                catch (Exception ex) when (attempt < Attempts)
                {
                    logger.LogDebug(ex, "Could not wake {Grain} yet (attempt {Attempt})", owner, attempt);
                    failed.Add(owner);
                }
                catch (Exception ex)
                {
                    // One grain that cannot load must not keep the rest of the city waiting; its reminder tries it again.
                    logger.LogError(ex, "Could not wake {Grain} for its deadlines", owner);
                }
            }).ConfigureAwait(false);
            pending = [.. failed];
            if (pending.Count > 0)
            {
                await Task.Delay(RetryAfter, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
        }
        if (owners.Count > 0)
        {
            logger.LogInformation("Woke {Count} grains that hold deadlines", owners.Count);
        }
        return owners.Count;
    }
}
