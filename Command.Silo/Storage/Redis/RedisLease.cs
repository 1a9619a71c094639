using System.Globalization;
using StackExchange.Redis;

namespace Command.Silo.Storage.Redis;

/// <summary>
/// The lease on a Redis shared by an active and a standby silo: a key holding the active silo's token with a TTL
/// (<see cref="RedisStorageOptions.LeaseTtl"/>), renewed well before it lapses. The connection's writes carry the same
/// token and every write script checks it first (<see cref="RedisConnection.FenceToken"/>), so the moment another silo
/// holds the key, this one cannot write, even if it has not noticed yet.
/// </summary>
public sealed class RedisLease : IStorageLease
{
    private readonly RedisConnection connection;
    private string epoch = "";

    public RedisLease(RedisConnection connection)
    {
        this.connection = connection;
        // Host and process tell an operator which silo is active; the random part keeps a restarted process with a
        // recycled id from passing for its predecessor.
        Token = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");
        // Fenced from the first write: until the lease is taken, nothing this silo sends can land.
        connection.FenceToken = Token;
    }

    public string Token { get; }

    public TimeSpan Ttl => connection.Options.LeaseTtl;

    private long TtlMilliseconds => (long)Ttl.TotalMilliseconds;

    public async Task<LeaseAttempt> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var reply = (RedisResult[])(await connection.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.AcquireLease,
            [connection.Keys.Lease, connection.Keys.LeaseEpoch], [Token, TtlMilliseconds], CommandFlags.NoScriptCache), cancellationToken).ConfigureAwait(false))!;
        if ((long)reply[0] == 1)
        {
            epoch = (string)reply[1]!;
            return new LeaseAttempt(true, Token);
        }
        return new LeaseAttempt(false, (string)reply[1]!, TimeSpan.FromMilliseconds(Math.Max(0, (long)reply[2])));
    }

    public async Task<bool> RenewAsync(CancellationToken cancellationToken) =>
        (long)(await connection.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.RenewLease,
            [connection.Keys.Lease, connection.Keys.LeaseEpoch], [Token, TtlMilliseconds, epoch], CommandFlags.NoScriptCache), cancellationToken).ConfigureAwait(false)) == 1;

    public Task ReleaseAsync(CancellationToken cancellationToken) =>
        connection.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.ReleaseLease, [connection.Keys.Lease], [Token], CommandFlags.NoScriptCache), cancellationToken);
}
