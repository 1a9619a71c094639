using Orleans.Runtime;

namespace Command.Silo.Runtime;

/// <summary>When the cluster declares a silo dead, its grains are active nowhere until something calls them: the
/// survivors wake every grain that holds a deadline, so one that fell due on the dead silo fires now, marked late.</summary>
public sealed class DeadlineWatch(IClusterMembershipService membership, DeadlineSweep sweep, ILogger<DeadlineWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        bool first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (first)
                {
                    // The dead of earlier runs: the cluster's start-up already swept for those.
                    first = false;
                    continue;
                }
                if (newlyDead.Count > 0)
                {
                    logger.LogWarning("Silo {Silos} declared dead; waking the grains that hold deadlines", string.Join(", ", newlyDead.Select(m => m.SiloAddress)));
                    await sweep.WakeAllAsync(stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
