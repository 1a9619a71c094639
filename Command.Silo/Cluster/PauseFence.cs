using System.Diagnostics;
using Orleans.Runtime;

namespace Command.Silo.Cluster;

/// <summary>
/// A silo frozen past its detection time (SIGSTOP, a stalled VM) wakes up still holding activations whose grains the
/// cluster has meanwhile placed elsewhere, and goes on for a few seconds before Orleans tells it that it was declared
/// dead. The journal's version check refuses its stale appends, but a deadline it cancels or moves is a row, not an
/// event. So every write asks this fence first: a thread of its own ticks every 100 ms; a gap of more than
/// <see cref="Threshold"/> since its last tick means this process was paused, and writes are refused until the cluster
/// confirms the silo is still an active member. In a cluster of one there is nobody to take over, and no fence.
/// </summary>
public sealed class PauseFence : IDisposable
{
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly IServiceProvider services;
    private readonly bool clustered;
    private readonly Thread thread;
    private long lastTickTicks;
    private volatile bool suspended;
    private volatile bool disposed;
    private int confirming;

    public PauseFence(IServiceProvider services, bool clustered)
    {
        this.services = services;
        this.clustered = clustered;
        thread = new Thread(Run) { IsBackground = true, Name = "pause fence" };
        if (clustered)
        {
            thread.Start();
        }
    }

    /// <summary>Throws while this silo may have been replaced: its writes must not land over its successor's.</summary>
    public void ThrowIfPaused()
    {
        if (!clustered)
        {
            return;
        }
        if (suspended || SinceLastTick() > Threshold)
        {
            suspended = true;
            _ = ConfirmMembershipAsync();
            throw new Storage.StorageUnavailableException(
                "This server was paused and may have been replaced in the cluster; it writes nothing until the cluster confirms it is still a member.");
        }
    }

    private void Run()
    {
        while (!disposed)
        {
            // The first tick has nothing before it to measure a gap from.
            if (Interlocked.Read(ref lastTickTicks) != 0 && SinceLastTick() > Threshold)
            {
                suspended = true;
                _ = ConfirmMembershipAsync();
            }
            Interlocked.Exchange(ref lastTickTicks, clock.Elapsed.Ticks);
            Thread.Sleep(Tick);
        }
    }

    private TimeSpan SinceLastTick() => clock.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref lastTickTicks));

    /// <summary>Reads the membership table afresh: still active lifts the fence; declared dead keeps it, and Orleans
    /// stops the silo.</summary>
    private async Task ConfirmMembershipAsync()
    {
        if (Interlocked.Exchange(ref confirming, 1) == 1)
        {
            return;
        }
        try
        {
            var membership = services.GetRequiredService<IClusterMembershipService>();
            var self = services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            await membership.Refresh().ConfigureAwait(false);
            if (membership.CurrentSnapshot.GetSiloStatus(self) == SiloStatus.Active)
            {
                suspended = false;
            }
        }
        catch (Exception ex)
        {
            services.GetRequiredService<ILogger<PauseFence>>().LogWarning(ex, "Could not confirm this silo's membership after a pause");
        }
        finally
        {
            Volatile.Write(ref confirming, 0);
        }
    }

    public void Dispose() => disposed = true;
}
