namespace Command.Silo.Storage;

/// <summary>
/// Which silo may write to a store shared by several. The active silo takes the lease and keeps renewing it; the
/// others stand by and take it once it lapses. The store itself refuses writes from any silo not holding it
/// (fencing), so a silo that was paused or cut off and still believes it is active cannot write over its successor.
/// </summary>
public interface IStorageLease
{
    /// <summary>This silo's token: who it is, as other silos see it in <see cref="LeaseAttempt.Holder"/>.</summary>
    string Token { get; }

    /// <summary>How long the lease lasts unrenewed; <see cref="Timeout.InfiniteTimeSpan"/> for a store only one silo
    /// can open, which needs no renewing.</summary>
    TimeSpan Ttl { get; }

    Task<LeaseAttempt> TryAcquireAsync(CancellationToken cancellationToken);

    /// <summary>False once another silo holds the lease: from then on this silo must stop.</summary>
    Task<bool> RenewAsync(CancellationToken cancellationToken);

    Task ReleaseAsync(CancellationToken cancellationToken);
}
