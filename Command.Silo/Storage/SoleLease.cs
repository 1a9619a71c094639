namespace Command.Silo.Storage;

/// <summary>The lease of a store that only one silo opens (memory, or a SQLite file on the silo's own disk): always held.</summary>
public sealed class SoleLease : IStorageLease
{
    public string Token { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public TimeSpan Ttl => Timeout.InfiniteTimeSpan;

    public Task<LeaseAttempt> TryAcquireAsync(CancellationToken cancellationToken) => Task.FromResult(new LeaseAttempt(true, Token));

    public Task<bool> RenewAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReleaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
