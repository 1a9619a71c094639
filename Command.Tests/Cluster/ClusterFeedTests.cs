using System.Collections.Concurrent;
using System.Text.Json;
using Command.Silo.Cluster;
using Command.Silo.Runtime;
using Command.Silo.Storage;
using Command.Silo.Storage.Redis;
using Command.Tests.Support;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Command.Tests.Cluster;

/// <summary>
/// The feed that carries read-model changes between silos, on a real Redis: a silo that was cut off, or whose
/// Redis went away, ends up with every change another silo made, once each and in order.
/// </summary>
public sealed class ClusterFeedTests
{
    private const string Kind = "probe";

    [Fact]
    public async Task ASiloWhoseConnectionsAreCutGetsEveryChangeOnceAndInOrder()
    {
        string prefix = Prefix();
        await using var sender = await StartAsync(RedisServer.Shared.Endpoint, prefix);
        await using var receiver = await StartAsync(RedisServer.Shared.Endpoint, prefix);
        var heard = Listen(receiver.Feed);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared.Endpoint + ",allowAdmin=true");

        for (int i = 0; i < 200; i++)
        {
            sender.Feed.Publish(Kind, null, new FeedProbe(i));
            if (i % 20 == 10)
            {
                // Pub/sub drops whatever is published while a subscriber reconnects; the writers' connections go too,
                // so an append may time out after it went through and be sent again.
                await KillFeedConnectionsAsync(admin);
            }
            await Task.Delay(15);
        }

        await Eventually.True(() => heard.Count >= 200, "the receiver to hear 200 changes");
        await Task.Delay(RedisClusterFeed.CatchUpInterval * 2);
        Assert.Equal(Enumerable.Range(0, 200), heard.Select(p => p.Number));
    }

    [Fact]
    public async Task ChangesMadeWhileRedisIsDownReachTheOtherSiloWhenItIsBack()
    {
        await using var redis = RedisServer.StartPersistent();
        string prefix = Prefix();
        await using var sender = await StartAsync(redis.Endpoint, prefix);
        await using var receiver = await StartAsync(redis.Endpoint, prefix);
        var heard = Listen(receiver.Feed);
        sender.Feed.Publish(Kind, "a", new FeedProbe(1));
        await Eventually.True(() => heard.Count == 1, "the first change to arrive");

        redis.Kill();
        sender.Feed.Publish(Kind, "b", new FeedProbe(2));
        sender.Feed.Publish(Kind, "c", new FeedProbe(3));
        // Several flushes fail meanwhile; the changes must be held, not dropped.
        await Task.Delay(RedisClusterFeed.FlushInterval * 10);
        Assert.Single(heard);
        redis.Start();

        await Eventually.True(() => heard.Count >= 3, "the changes made while Redis was down to arrive");
        Assert.Equal([1, 2, 3], heard.Select(p => p.Number));
    }

    [Fact]
    public async Task AGapInAnotherSilosFlushesMakesTheSiloReloadAndARepeatIsNotApplied()
    {
        string prefix = Prefix();
        var logs = new CapturedLogs();
        await using var receiver = await StartAsync(RedisServer.Shared.Endpoint, prefix, logs);
        var heard = Listen(receiver.Feed);
        int reloads = 0;
        receiver.Feed.OnMissed(_ =>
        {
            Interlocked.Increment(ref reloads);
            return Task.CompletedTask;
        });
        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared.Endpoint);
        var database = connection.GetDatabase();

        foreach (var (sequence, number) in new[] { (1L, 1), (1L, 99), (4L, 4) })
        {
            var batch = new FeedBatch("another-silo", sequence, [new FeedItem(Kind, JsonSerializer.SerializeToElement(new FeedProbe(number), JournalJson.Options))]);
            await database.StreamAddAsync(receiver.Feed.Log, "b", JsonSerializer.Serialize(batch, JournalJson.Options));
        }

        await Eventually.True(() => heard.Count >= 2, "the two new flushes to be applied");
        await Task.Delay(RedisClusterFeed.CatchUpInterval * 2);
        Assert.Equal([1, 4], heard.Select(p => p.Number));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Missed 2 flushes of silo another-silo", StringComparison.Ordinal));
        await Eventually.True(() => Volatile.Read(ref reloads) == 1, "the read models to be reloaded once");
        await Task.Delay(RedisClusterFeed.CatchUpInterval * 2);
        Assert.Equal(1, Volatile.Read(ref reloads));
    }

    [Fact]
    public async Task ChangesTheLogDroppedBeforeTheSiloReadThemMakeItReloadUntilTheReloadWorks()
    {
        string prefix = Prefix();
        await using var receiver = await StartAsync(RedisServer.Shared.Endpoint, prefix);
        var heard = Listen(receiver.Feed);
        int reloads = 0;
        receiver.Feed.OnMissed(_ => Interlocked.Increment(ref reloads) == 1
            ? throw new StorageUnavailableException("the store is down for the first reload")
            : Task.CompletedTask);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared.Endpoint);
        var database = connection.GetDatabase();

        // A silo this one never heard from (so no batch numbers to compare) wrote two flushes, and the first was
        // trimmed before this silo could read it: in one transaction, so the reader cannot see it in between.
        var transaction = database.CreateTransaction();
        foreach (var number in new[] { 1, 2 })
        {
            var batch = new FeedBatch("a-silo-gone-quiet", number + 40, [new FeedItem(Kind, JsonSerializer.SerializeToElement(new FeedProbe(number), JournalJson.Options))]);
            _ = transaction.StreamAddAsync(receiver.Feed.Log, "b", JsonSerializer.Serialize(batch, JournalJson.Options));
        }
        _ = transaction.StreamTrimAsync(receiver.Feed.Log, 1, useApproximateMaxLength: false);
        Assert.True(await transaction.ExecuteAsync());

        // The first reload fails; the next works, and then there is nothing more to reload.
        await Eventually.True(() => Volatile.Read(ref reloads) >= 2, "the reload to be tried again after it failed");
        Assert.Equal([2], heard.Select(p => p.Number));
        await Task.Delay(RedisClusterFeed.CatchUpInterval * 2);
        Assert.Equal(2, Volatile.Read(ref reloads));
    }

    private static string Prefix() => "feed-" + Guid.NewGuid().ToString("N")[..8] + ":";

    private static ConcurrentQueue<FeedProbe> Listen(IClusterFeed feed)
    {
        var heard = new ConcurrentQueue<FeedProbe>();
        feed.Subscribe<FeedProbe>(Kind, heard.Enqueue);
        return heard;
    }

    private static async Task KillFeedConnectionsAsync(ConnectionMultiplexer admin)
    {
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        foreach (var client in await server.ClientListAsync())
        {
            if (client.Name?.StartsWith("command-feed-", StringComparison.Ordinal) == true && client.Address is { } address)
            {
                await server.ClientKillAsync(address);
            }
        }
    }

    private static async Task<RunningFeed> StartAsync(string endpoint, string prefix, CapturedLogs? logs = null)
    {
        var factory = LoggerFactory.Create(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
            }
        });
        var feed = new RedisClusterFeed(new RedisStorageOptions { Server = endpoint, KeyPrefix = prefix }, factory.CreateLogger<RedisClusterFeed>());
        await feed.StartAsync(CancellationToken.None);
        return new RunningFeed(feed, factory);
    }

    private sealed record RunningFeed(RedisClusterFeed Feed, ILoggerFactory Logging) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Feed.StopAsync(CancellationToken.None);
            Feed.Dispose();
            Logging.Dispose();
        }
    }
}
