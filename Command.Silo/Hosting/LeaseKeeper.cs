using System.Globalization;
using Command.Silo.Storage;

namespace Command.Silo.Hosting;

/// <summary>
/// Makes this silo the active one before anything else starts: it takes the store's lease, standing by (see
/// <see cref="StandbyServer"/>) for as long as another silo holds it, and then keeps renewing it. Registered as the
/// first hosted service, so the grain runtime, the reminders and the read models start only once the lease is ours,
/// and stop before it is given up. A silo that finds the lease lost stops with exit code
/// <see cref="LostLeaseExitCode"/>: its state may be stale, and a supervisor that restarts it gets a standby.
/// Lease timing is network time, like the Redis timeouts, so it runs on the system clock, never a test's fake one.
/// </summary>
internal sealed class LeaseKeeper(
    IStorageLease lease,
    Readiness readiness,
    StandbyServer standby,
    IHostApplicationLifetime lifetime,
    ILogger<LeaseKeeper> logger) : IHostedService, IAsyncDisposable
{
    public const int LostLeaseExitCode = 4;

    private readonly CancellationTokenSource stopping = new();
    private Task? renewing;
    private volatile bool held;
    private int disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first attempt is not guarded: a store that cannot be reached at start is the operator's to fix (exit 3).
        var attempt = await lease.TryAcquireAsync(cancellationToken).ConfigureAwait(false);
        if (!attempt.Acquired)
        {
            string holder = attempt.Holder;
            string Reason() => $"standby: {holder} holds the lease and serves; this silo ({lease.Token}) takes over when it lapses.";
            readiness.MarkNotReady(Reason());
            await standby.StartAsync(Reason, cancellationToken).ConfigureAwait(false);
            var retry = TimeSpan.FromTicks(Math.Max(lease.Ttl.Ticks / 5, TimeSpan.FromMilliseconds(200).Ticks));
            while (!attempt.Acquired)
            {
                // Wake as the holder's lease would lapse, so a dead active is replaced at once, and at least every
                // fifth of the TTL, since a live one keeps renewing it.
                var wait = attempt.Remaining > TimeSpan.Zero && attempt.Remaining < retry ? attempt.Remaining + TimeSpan.FromMilliseconds(20) : retry;
                await Task.Delay(wait, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                try
                {
                    attempt = await lease.TryAcquireAsync(cancellationToken).ConfigureAwait(false);
                    holder = attempt.Acquired ? holder : attempt.Holder;
                }
                catch (StorageUnavailableException ex)
                {
                    logger.LogWarning("Standby cannot reach the store: {Reason}", ex.Message);
                }
            }
            await standby.StopAsync().ConfigureAwait(false);
            logger.LogWarning("Took over the lease from {Holder}; loading state and serving", holder);
        }
        held = true;
        readiness.MarkNotReady("starting");
        if (lease.Ttl != Timeout.InfiniteTimeSpan)
        {
            renewing = RenewAsync(stopping.Token);
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(lease.Ttl / 3, TimeProvider.System);
        long confirmed = TimeProvider.System.GetTimestamp();
        bool suspended = false;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    if (!await lease.RenewAsync(cancellationToken).ConfigureAwait(false))
                    {
                        Lost();
                        return;
                    }
                    confirmed = TimeProvider.System.GetTimestamp();
                    if (suspended)
                    {
                        suspended = false;
                        readiness.Resume();
                        logger.LogWarning("The lease is confirmed again; serving");
                    }
                }
                catch (StorageUnavailableException ex)
                {
                    // Writes fail anyway while the store is away. Past the TTL another silo may have taken over, so
                    // even reads from memory could be stale: this silo stops answering (503) until the next renewal
                    // either keeps the lease or finds it lost.
                    logger.LogWarning("Could not renew the lease: {Reason}", ex.Message);
                    var unconfirmed = TimeProvider.System.GetElapsedTime(confirmed);
                    if (!suspended && unconfirmed >= lease.Ttl)
                    {
                        suspended = true;
                        readiness.Suspend(string.Create(CultureInfo.InvariantCulture,
                            $"lease unconfirmed for {unconfirmed.TotalSeconds:0} s: the store is out of reach and another silo may have taken over. {ex.Message}"));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Lost()
    {
        held = false;
        readiness.MarkNotReady($"lease lost: another silo took over; this silo ({lease.Token}) stopped writing and is shutting down.");
        logger.LogCritical("This silo lost its lease to another silo. The store already refuses its writes; it stops now " +
            "(exit code {Code}), so that a restart makes it the standby.", LostLeaseExitCode);
        Environment.ExitCode = LostLeaseExitCode;
        lifetime.StopApplication();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref disposed) == 1)
        {
            // A test host may stop after it disposed its services; there is nothing left to stop then.
            return;
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        if (renewing is not null)
        {
            await renewing.ConfigureAwait(false);
        }
        await standby.StopAsync().ConfigureAwait(false);
        if (held)
        {
            // Everything registered after this service has stopped and written its last: the standby may take over now
            // instead of waiting out the TTL.
            held = false;
            try
            {
                await lease.ReleaseAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException ex)
            {
                logger.LogWarning("Could not give the lease up; the standby takes over when it lapses: {Reason}", ex.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        stopping.Dispose();
        await standby.DisposeAsync().ConfigureAwait(false);
    }
}
