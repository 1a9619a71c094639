using System.Diagnostics;
using Command.Abstractions.Patrols;
using Command.Silo.Storage;
using Command.Silo.Storage.Redis;
using Command.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Command.Tests.Storage;

/// <summary>What only the Redis store has to prove: several writers on one server, prefixes, WAIT, and outages.</summary>
public sealed class RedisStoreTests
{
    /// <summary>How long a call may take to report an outage: far above the operation timeout (1 s here), so a busy
    /// machine passes, and far below a hang.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(15);

    private static JournalEntry Entry(long seq, string kind = "added") =>
        new(seq, new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(8)).AddSeconds(seq), kind, "tester", "{}");

    private static RedisConnection Connect(string endpoint, string prefix, int waitReplicas = 0, double waitSeconds = 0.5, TimeSpan? trackArrivalLimit = null) =>
        new(new RedisStorageOptions
        {
            Server = endpoint,
            KeyPrefix = prefix,
            OperationTimeout = TimeSpan.FromSeconds(1),
            WaitReplicas = waitReplicas,
            WaitTimeout = TimeSpan.FromSeconds(waitSeconds),
            TrackArrivalLimit = trackArrivalLimit,
        }, NullLogger<RedisConnection>.Instance);

    [Fact]
    public async Task TwoWritersAtTheSameVersionExactlyOneWins()
    {
        // Two connections are two silos: the check and the write are one script, so they cannot both pass the check.
        string prefix = $"test:{Guid.NewGuid():N}:";
        await using var first = Connect(RedisServer.Shared.Endpoint, prefix);
        await using var second = Connect(RedisServer.Shared.Endpoint, prefix);
        var writers = new[] { new RedisStore(first), new RedisStore(second) };

        for (int round = 0; round < 50; round++)
        {
            long version = round;
            var attempts = writers.Select((w, i) => Task.Run(() => w.AppendAsync("incident/contended", version, [Entry(version + 1, $"writer{i}")], null))).ToArray();
            var outcomes = await Task.WhenAll(attempts.Select(async a =>
            {
                try
                {
                    await a;
                    return "won";
                }
                catch (JournalConflictException)
                {
                    return "conflict";
                }
            }));

            Assert.Equal(["conflict", "won"], outcomes.Order());
            string winner = $"writer{Array.IndexOf(outcomes, "won")}";
            Assert.Equal(winner, (await writers[0].ReadAsync("incident/contended", version)).Single().Kind);
        }
        Assert.Equal(50, (await writers[1].ReadAsync("incident/contended", 0)).Count);
    }

    [Fact]
    public async Task AnEventCannotBeOverwrittenEvenWhenItsVersionIsRolledBack()
    {
        // The version hash is the first guard; the event IDs (seq-0) are the second: Redis refuses an XADD whose ID
        // does not follow the last one, so even a corrupted version cannot make an append replace an event.
        string prefix = $"test:{Guid.NewGuid():N}:";
        await using var connection = Connect(RedisServer.Shared.Endpoint, prefix);
        var store = new RedisStore(connection);
        await store.AppendAsync("incident/a", 0, [Entry(1)], null);
        using var raw = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared.Endpoint);
        await raw.GetDatabase().HashSetAsync(connection.Keys.Head("incident/a"), "version", 0);

        var refused = await Assert.ThrowsAsync<RedisServerException>(() => store.AppendAsync("incident/a", 0, [Entry(1, "forged")], null));

        Assert.Contains("XADD", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("added", Assert.Single(await store.ReadAsync("incident/a", 0)).Kind);
        Assert.Equal("0", (string?)await raw.GetDatabase().HashGetAsync(connection.Keys.Head("incident/a"), "version"));
    }

    [Fact]
    public async Task ATrackReadFindsReportsThatArrivedLongAfterTheyWereStamped()
    {
        // The read starts at the window, by arrival: a phone that was offline for hours uploads its fixes late.
        await using var connection = Connect(RedisServer.Shared.Endpoint, $"test:{Guid.NewGuid():N}:");
        await using var telemetry = new RedisTelemetryStore(connection, TimeSpan.FromHours(1), TimeProvider.System, NullLogger<RedisTelemetryStore>.Instance);
        var now = DateTimeOffset.UtcNow;
        var offline = new TeamPosition(115.45, 36.49, now.AddHours(-6));
        var current = new TeamPosition(115.46, 36.50, now);
        telemetry.Record("team-a", offline);
        telemetry.Record("team-a", current);
        await telemetry.FlushAsync();

        Assert.Equal([offline], await telemetry.ReadTrackAsync("team-a", now.AddHours(-6).AddMinutes(-1), now.AddHours(-6).AddMinutes(1)));
        Assert.Equal([offline, current], await telemetry.ReadTrackAsync("team-a", now.AddDays(-1), now.AddMinutes(1)));
        Assert.Equal([current], await telemetry.ReadTrackAsync("team-a", now.AddSeconds(-1), now.AddMinutes(1)));
    }

    [Fact]
    public async Task ATrackReadStopsWhereNoReportOfItsWindowCouldStillArrive()
    {
        // With the endpoint refusing fixes more than an hour old, a report that arrived six hours after its stamp
        // cannot have come in through it; a read that went on past the limit would read the team's every later report.
        await using var connection = Connect(RedisServer.Shared.Endpoint, $"test:{Guid.NewGuid():N}:", trackArrivalLimit: TimeSpan.FromHours(1));
        await using var telemetry = new RedisTelemetryStore(connection, TimeSpan.FromHours(1), TimeProvider.System, NullLogger<RedisTelemetryStore>.Instance);
        var now = DateTimeOffset.UtcNow;
        var sixHoursOld = new TeamPosition(115.45, 36.49, now.AddHours(-6));
        var recent = new TeamPosition(115.46, 36.50, now.AddMinutes(-40));
        telemetry.Record("team-a", sixHoursOld);
        telemetry.Record("team-a", recent);
        await telemetry.FlushAsync();

        Assert.Empty(await telemetry.ReadTrackAsync("team-a", now.AddHours(-7), now.AddHours(-5)));
        // The read reaches the hour's limit and the clocks' margin past the window's end, and no further.
        Assert.Equal([recent], await telemetry.ReadTrackAsync("team-a", now.AddMinutes(-41), now.AddMinutes(-39)));
        Assert.Equal([sixHoursOld, recent], await telemetry.ReadTrackAsync("team-a", now.AddHours(-7), now.AddMinutes(1)));
    }

    [Fact]
    public async Task KeyPrefixesKeepDeploymentsApart()
    {
        await using var a = Connect(RedisServer.Shared.Endpoint, $"test:{Guid.NewGuid():N}:");
        await using var b = Connect(RedisServer.Shared.Endpoint, $"test:{Guid.NewGuid():N}:");
        var storeA = new RedisStore(a);
        var storeB = new RedisStore(b);
        await storeA.AppendAsync("incident/1", 0, [Entry(1)], new StreamSnapshot("incident/1", 1, "{}"));
        await storeA.UpsertAsync(new DeadlineEntry("incident/1", "deadline", DateTimeOffset.UnixEpoch, null));

        await storeB.AppendAsync("incident/1", 0, [Entry(1, "other")], null);

        Assert.Equal("added", Assert.Single(await storeA.ReadAsync("incident/1", 0)).Kind);
        Assert.Equal("other", Assert.Single(await storeB.ReadAsync("incident/1", 0)).Kind);
        Assert.Empty(await storeB.ReadSnapshotsAsync(""));
        Assert.Empty(await storeB.ReadAllAsync());
    }

    [Fact]
    public async Task WithWaitReplicasAWriteIsAcknowledgedOnlyOnceAReplicaHasIt()
    {
        await using var primary = RedisServer.StartPersistent();
        await using (var lonely = Connect(primary.Endpoint, "wait:", waitReplicas: 1))
        {
            // On a loaded machine the first attempt can time out before WAIT is even asked (a refusal too, but not the
            // one this is about): the write must keep being refused, and for the missing replica once Redis answers.
            var unavailable = await Eventually.Get(async () => await Assert.ThrowsAsync<StorageUnavailableException>(
                // A fresh stream each time: a timed-out attempt may still have reached the primary.
                () => new RedisStore(lonely).AppendAsync($"incident/w-{Guid.NewGuid():N}", 0, [Entry(1)], null)),
                refused => refused.Message.Contains("0 of 1 replicas"), "the write to be refused for want of a replica");
            Assert.Contains("0 of 1 replicas", unavailable.Message);
        }

        await using var replica = RedisServer.StartReplicaOf(primary);
        // A generous WAIT: on a busy test machine the replica's acknowledgement can take a while.
        await using var connection = Connect(primary.Endpoint, "wait:", waitReplicas: 1, waitSeconds: 5);
        var store = new RedisStore(connection);
        // The replica takes a moment to attach; until then the write is refused as not yet durable enough.
        await Eventually.Get(async () => await Succeeds(() => store.UpsertAsync(new DeadlineEntry("incident/w", "probe", DateTimeOffset.UnixEpoch, null))),
            ok => ok, "the replica to attach and acknowledge");

        await store.AppendAsync("incident/w2", 0, [Entry(1)], null);

        using var replicaClient = await ConnectionMultiplexer.ConnectAsync(replica.Endpoint);
        Assert.Equal("1", (string?)await replicaClient.GetDatabase().HashGetAsync(connection.Keys.Head("incident/w2"), "version"));
    }

    [Fact]
    public async Task WhileRedisIsDownEveryCallIsStorageUnavailableAtOnceAndAfterItIsBackNothingIsLost()
    {
        await using var redis = RedisServer.StartPersistent();
        await using var connection = Connect(redis.Endpoint, "outage:");
        var store = new RedisStore(connection);
        var telemetry = new RedisTelemetryStore(connection, TimeSpan.FromHours(1), TimeProvider.System, NullLogger<RedisTelemetryStore>.Instance);
        var fix = new TeamPosition(115.45, 36.49, DateTimeOffset.UnixEpoch);
        await store.AppendAsync("incident/kept", 0, [Entry(1)], null);

        redis.Kill();

        await AssertEveryCallIsUnavailable(store, telemetry);
        telemetry.Record("team-a", fix); // only buffers: a position report never fails
        // A silo that starts while Redis is down gets a connection that retries by itself.
        await using var late = Connect(redis.Endpoint, "outage:");
        await AssertUnavailable(() => new RedisStore(late).ReadAsync("incident/kept", 0));

        redis.Start();

        await Eventually.Get(async () => await Succeeds(() => store.ReadSnapshotAsync("incident/kept")), ok => ok, "the connection to come back by itself");
        Assert.Equal("added", Assert.Single(await store.ReadAsync("incident/kept", 0)).Kind);
        await store.AppendAsync("incident/kept", 1, [Entry(2)], null);
        await telemetry.FlushAsync();
        Assert.Equal(fix, (await telemetry.ReadLatestAsync())["team-a"]);
        await Eventually.Get(async () => await Succeeds(() => new RedisStore(late).ReadAsync("incident/kept", 0)), ok => ok, "the late connection to connect");
        Assert.Equal(2, (await new RedisStore(late).ReadAsync("incident/kept", 0)).Count);
        await telemetry.DisposeAsync();
    }

    [Fact]
    public async Task ARedisThatStopsAnsweringIsStorageUnavailableWithinTheTimeoutNotAHang()
    {
        await using var redis = RedisServer.StartPersistent();
        await using var connection = Connect(redis.Endpoint, "hung:");
        var store = new RedisStore(connection);
        var telemetry = new RedisTelemetryStore(connection, TimeSpan.FromHours(1), TimeProvider.System, NullLogger<RedisTelemetryStore>.Instance);
        await store.AppendAsync("incident/h", 0, [Entry(1)], null);

        Signals.Send("STOP", redis.ProcessId); // the process is there and the socket open, but nothing answers
        try
        {
            await AssertEveryCallIsUnavailable(store, telemetry);
        }
        finally
        {
            Signals.Send("CONT", redis.ProcessId);
        }

        await Eventually.Get(async () => await Succeeds(() => store.ReadSnapshotAsync("incident/h")), ok => ok, "Redis to answer again");
        Assert.Single(await store.ReadAsync("incident/h", 0));
        await telemetry.DisposeAsync();
    }

    [Fact]
    public async Task TheProviderSurvivesTheHostDisposingItsTelemetryFirst()
    {
        // The host disposes the ITelemetryStore singleton and then the provider, which disposes it again.
        var options = new RedisStorageOptions { Server = RedisServer.Shared.Endpoint, KeyPrefix = $"test:{Guid.NewGuid():N}:" };
        var provider = new RedisStorageProvider(options, TimeProvider.System, NullLoggerFactory.Instance);
        provider.Telemetry.Record("team-a", new TeamPosition(115.45, 36.49, DateTimeOffset.UnixEpoch));

        await ((IAsyncDisposable)provider.Telemetry).DisposeAsync();
        await provider.DisposeAsync();
        await provider.DisposeAsync();

        await using var connection = Connect(RedisServer.Shared.Endpoint, options.KeyPrefix);
        var telemetry = new RedisTelemetryStore(connection, TimeSpan.FromHours(1), TimeProvider.System, NullLogger<RedisTelemetryStore>.Instance);
        Assert.Equal(115.45, (await telemetry.ReadLatestAsync())["team-a"].Lon);
        await telemetry.DisposeAsync();
    }

    /// <summary>All at once: against a frozen Redis each call waits out the timeout, and they must do so side by side.</summary>
    private static async Task AssertEveryCallIsUnavailable(RedisStore store, RedisTelemetryStore telemetry)
    {
        telemetry.Record("team-a", new TeamPosition(115.45, 36.49, DateTimeOffset.UnixEpoch));
        await Task.WhenAll(
            AssertUnavailable(() => store.AppendAsync("incident/other", 0, [Entry(1)], null)),
            AssertUnavailable(() => store.ReadAsync("incident/kept", 0)),
            AssertUnavailable(() => store.ReadSnapshotAsync("healthz/probe")),
            AssertUnavailable(() => store.ListStreamsAsync("incident/")),
            AssertUnavailable(() => store.ReadSnapshotsAsync("incident/")),
            AssertUnavailable(() => store.ReadAllAsync()),
            AssertUnavailable(() => store.UpsertAsync(new DeadlineEntry("incident/kept", "deadline", DateTimeOffset.UnixEpoch, null))),
            AssertUnavailable(() => store.DeleteAsync("incident/kept", "deadline", DateTimeOffset.UnixEpoch)),
            AssertUnavailable(() => store.DeleteAsync("incident/kept", "deadline", null)),
            AssertUnavailable(() => telemetry.FlushAsync()),
            AssertUnavailable(() => telemetry.ReadLatestAsync()),
            AssertUnavailable(() => telemetry.ReadTrackAsync("team-a", DateTimeOffset.MinValue, DateTimeOffset.MaxValue)));
    }

    private static async Task AssertUnavailable(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(call);
        Assert.StartsWith("Redis unavailable: ", ex.Message);
        Assert.True(clock.Elapsed < Prompt, $"It took {clock.Elapsed.TotalSeconds:0.0} s to say Redis is unavailable.");
    }

    private static async Task<bool> Succeeds(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }
}
