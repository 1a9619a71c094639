using Command.Abstractions.Patrols;
using Command.Silo.Storage;
using Command.Silo.Storage.Redis;
using Command.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Command.Tests.Storage;

/// <summary>
/// The lease two silos on one Redis share, at the level of the store: one holder at a time, and the store itself
/// refusing every write of a silo that does not hold it, whatever that silo believes.
/// </summary>
public sealed class RedisLeaseTests
{
    private readonly string prefix = $"lease:{Guid.NewGuid():N}:";

    private sealed record Silo(RedisConnection Connection, RedisLease Lease, RedisStore Store, RedisTelemetryStore Telemetry) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Telemetry.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    private Silo Open(double ttlSeconds = 5)
    {
        var connection = new RedisConnection(new RedisStorageOptions
        {
            Server = RedisServer.Shared.Endpoint,
            KeyPrefix = prefix,
            OperationTimeout = TimeSpan.FromSeconds(2),
            LeaseTtl = TimeSpan.FromSeconds(ttlSeconds),
        }, NullLogger<RedisConnection>.Instance);
        return new Silo(connection, new RedisLease(connection), new RedisStore(connection),
            new RedisTelemetryStore(connection, TimeSpan.FromHours(1), TimeProvider.System, NullLogger<RedisTelemetryStore>.Instance));
    }

    private static JournalEntry Entry(long seq, string kind) => new(seq, DateTimeOffset.UnixEpoch.AddSeconds(seq), kind, "tester", "{}");

    [Fact]
    public async Task OnlyOneSiloHoldsTheLeaseAndEveryWriteOfTheOtherIsRefused()
    {
        await using var active = Open();
        await using var standby = Open();

        Assert.True((await active.Lease.TryAcquireAsync(default)).Acquired);
        var attempt = await standby.Lease.TryAcquireAsync(default);

        Assert.False(attempt.Acquired);
        Assert.Equal(active.Lease.Token, attempt.Holder);
        await AssertFenced(() => standby.Store.AppendAsync("incident/a", 0, [Entry(1, "standby")], null));
        await AssertFenced(() => standby.Store.UpsertAsync(new DeadlineEntry("incident/a", "deadline", DateTimeOffset.UnixEpoch, null)));
        await AssertFenced(() => standby.Store.DeleteAsync("incident/a", "deadline", null));
        standby.Telemetry.Record("team-a", new TeamPosition(115.4, 36.5, DateTimeOffset.UnixEpoch));
        await AssertFenced(() => standby.Telemetry.FlushAsync());

        await active.Store.AppendAsync("incident/a", 0, [Entry(1, "active")], null);
        Assert.Equal("active", (await standby.Store.ReadAsync("incident/a", 0)).Single().Kind);
        Assert.Empty(await active.Store.ReadAllAsync());
        Assert.Empty(await active.Telemetry.ReadLatestAsync());
    }

    [Fact]
    public async Task ALeaseThatLapsedPassesToTheStandbyAndTheOldHolderCanNeitherWriteNorRenew()
    {
        await using var old = Open(ttlSeconds: 1);
        await using var successor = Open(ttlSeconds: 1);
        Assert.True((await old.Lease.TryAcquireAsync(default)).Acquired);
        await old.Store.AppendAsync("incident/a", 0, [Entry(1, "old")], null);

        // The old holder is paused (a long GC, a frozen VM) and renews nothing; its lease runs out.
        var taken = await Eventually.Get(() => successor.Lease.TryAcquireAsync(default), a => a.Acquired, "the lapsed lease to be free");
        await successor.Store.AppendAsync("incident/a", 1, [Entry(2, "successor")], null);

        // Waking up, it still believes it is active: the store says otherwise before anything lands.
        await AssertFenced(() => old.Store.AppendAsync("incident/a", 2, [Entry(3, "old after the lapse")], null));
        Assert.False(await old.Lease.RenewAsync(default));
        Assert.False((await old.Lease.TryAcquireAsync(default)).Acquired);
        Assert.Equal(["old", "successor"], (await successor.Store.ReadAsync("incident/a", 0)).Select(e => e.Kind));
        Assert.True(taken.Acquired);
    }

    [Fact]
    public async Task AHolderWhoseLeaseLapsedWithNobodyTakingItKeepsItWhenRedisComesBack()
    {
        await using var active = Open();
        Assert.True((await active.Lease.TryAcquireAsync(default)).Acquired);
        using var raw = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared.Endpoint);

        // As after a Redis outage longer than the TTL: the key is gone, but no other silo took the lease meanwhile.
        await raw.GetDatabase().KeyDeleteAsync(prefix + "lease");

        Assert.True(await active.Lease.RenewAsync(default));
        await active.Store.AppendAsync("incident/a", 0, [Entry(1, "still active")], null);
    }

    [Fact]
    public async Task AHolderWhoseLeaseSomebodyElseHeldInBetweenDoesNotGetItBack()
    {
        await using var first = Open();
        await using var second = Open();
        Assert.True((await first.Lease.TryAcquireAsync(default)).Acquired);
        using var raw = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared.Endpoint);
        await raw.GetDatabase().KeyDeleteAsync(prefix + "lease");
        Assert.True((await second.Lease.TryAcquireAsync(default)).Acquired);
        await second.Store.AppendAsync("incident/a", 0, [Entry(1, "second")], null);
        await second.Lease.ReleaseAsync(default);

        // The key is free again, but the epoch moved on: the first holder's state may be stale, so it must not resume.
        Assert.False(await first.Lease.RenewAsync(default));
        await AssertFenced(() => first.Store.AppendAsync("incident/b", 0, [Entry(1, "first")], null));
    }

    [Fact]
    public async Task ReleasingTheLeaseHandsItToTheStandbyAtOnce()
    {
        await using var active = Open(ttlSeconds: 600);
        await using var standby = Open(ttlSeconds: 600);
        Assert.True((await active.Lease.TryAcquireAsync(default)).Acquired);
        Assert.False((await standby.Lease.TryAcquireAsync(default)).Acquired);

        await active.Lease.ReleaseAsync(default);

        Assert.True((await standby.Lease.TryAcquireAsync(default)).Acquired);
        await AssertFenced(() => active.Store.AppendAsync("incident/a", 0, [Entry(1, "released")], null));
    }

    private static async Task AssertFenced(Func<Task> write)
    {
        var refused = await Assert.ThrowsAsync<StorageUnavailableException>(write);
        Assert.Contains("does not hold the Redis lease", refused.Message);
    }
}
