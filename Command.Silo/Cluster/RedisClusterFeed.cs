using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Command.Silo.Runtime;
using Command.Silo.Storage.Redis;
using StackExchange.Redis;

namespace Command.Silo.Cluster;

/// <summary>
/// The cluster feed over Redis pub/sub. Changes are coalesced per key and published as one batch every
/// <see cref="FlushInterval"/>, so 5,000 teams reporting at 1 Hz cost each silo a few messages a second, not 5,000.
/// Pub/sub is fire-and-forget: a silo cut off from Redis misses what changed meanwhile until the next change of the
/// same incident or team (each carries the whole summary). The feed is for read models only; nothing durable depends on it.
/// </summary>
public sealed class RedisClusterFeed : BackgroundService, IClusterFeed
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly string origin = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private readonly ConcurrentDictionary<string, Action<JsonElement>> handlers = new();
    private readonly object gate = new();
    private readonly ILogger<RedisClusterFeed> logger;
    private readonly RedisStorageOptions options;
    private List<(string Kind, string? Key, Func<JsonElement> Value)> pending = [];
    private Dictionary<string, int> pendingIndex = [];
    private ConnectionMultiplexer? multiplexer;

    public RedisClusterFeed(RedisStorageOptions options, ILogger<RedisClusterFeed> logger)
    {
        this.options = options;
        this.logger = logger;
        Channel = RedisChannel.Literal(options.KeyPrefix + "feed");
    }

    public RedisChannel Channel { get; }

    public void Publish<T>(string kind, string? key, T value) where T : class
    {
        Func<JsonElement> serialize = () => JsonSerializer.SerializeToElement(value, JournalJson.Options);
        lock (gate)
        {
            if (key is not null && pendingIndex.TryGetValue(kind + "\n" + key, out int at))
            {
                pending[at] = (kind, key, serialize);
                return;
            }
            if (key is not null)
            {
                pendingIndex[kind + "\n" + key] = pending.Count;
            }
            pending.Add((kind, key, serialize));
        }
    }

    public void Subscribe<T>(string kind, Action<T> apply) where T : class =>
        handlers[kind] = value =>
        {
            if (value.Deserialize<T>(JournalJson.Options) is { } item)
            {
                apply(item);
            }
        };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configuration = ConfigurationOptions.Parse(options.Server);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName = "command-feed";
        multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        var subscriber = multiplexer.GetSubscriber();
        await subscriber.SubscribeAsync(Channel, (_, message) => Receive(message)).ConfigureAwait(false);

        using var timer = new PeriodicTimer(FlushInterval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushAsync(subscriber).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        await FlushAsync(subscriber).ConfigureAwait(false);
    }

    private async Task FlushAsync(ISubscriber subscriber)
    {
        List<(string Kind, string? Key, Func<JsonElement> Value)> batch;
        lock (gate)
        {
            if (pending.Count == 0)
            {
                return;
            }
            batch = pending;
            pending = [];
            pendingIndex = [];
        }
        try
        {
            var message = new FeedBatch(origin, [.. batch.Select(b => new FeedItem(b.Kind, b.Value()))]);
            await subscriber.PublishAsync(Channel, JsonSerializer.Serialize(message, JournalJson.Options)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not publish {Count} changes to the other silos; they catch up when they reload", batch.Count);
        }
    }

    private void Receive(RedisValue message)
    {
        try
        {
            var batch = JsonSerializer.Deserialize<FeedBatch>((string)message!, JournalJson.Options);
            if (batch is null || batch.Origin == origin)
            {
                return;
            }
            foreach (var item in batch.Items)
            {
                if (handlers.TryGetValue(item.Kind, out var handler))
                {
                    handler(item.Value);
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A change from another silo could not be applied");
        }
    }

    public override void Dispose()
    {
        multiplexer?.Dispose();
        base.Dispose();
    }
}
