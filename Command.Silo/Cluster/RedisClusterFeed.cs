using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Command.Silo.Runtime;
using Command.Silo.Storage.Redis;
using StackExchange.Redis;

namespace Command.Silo.Cluster;

/// <summary>
/// The cluster feed over Redis. Changes are coalesced per key and appended as one batch to the feed log (a Redis
/// stream, <c>P feed-log</c>) every <see cref="FlushInterval"/>, so 5,000 teams reporting at 1 Hz cost each silo a few
/// entries a second, not 5,000. A pub/sub message on <c>P feed</c> wakes the other silos, and each reads the log on
/// from the last entry it applied. Pub/sub alone is fire-and-forget; the log is what lets a silo that was cut off
/// from Redis, or missed a wake-up, catch up on every change in order once it can read again (it also reads every
/// <see cref="CatchUpInterval"/> unprompted). A batch that cannot be appended is kept and sent when Redis answers.
/// The log keeps about <see cref="Retention"/>. A silo cut off for longer learns that it missed changes for good, from a
/// gap in a silo's batch numbers or from the log having dropped entries it never read, and then reloads its read models
/// from the store (<see cref="OnMissed"/>). The feed is for read models only; nothing durable depends on it.
/// </summary>
public sealed class RedisClusterFeed : BackgroundService, IClusterFeed
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan CatchUpInterval = TimeSpan.FromSeconds(1);

    /// <summary>How far back the log reaches. Longer than a reconnect or a Redis restart takes; a silo away for
    /// longer is not serving anyway, because the pause fence holds its writes until the membership table answers.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);

    /// <summary>A hard cap whatever the rate: at one silo's ten flushes a second, about half an hour.</summary>
    public const int MaxLogLength = 20_000;

    /// <summary>Flushes a silo holds while it cannot append (a minute of them); past that the oldest go, and the
    /// receivers log the gap.</summary>
    public const int MaxUnsent = 600;

    private const string BatchField = "b";
    private const int ReadCount = 256;

    private readonly string origin = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private readonly ConcurrentDictionary<string, Action<JsonElement>> handlers = new();
    private readonly object gate = new();
    private readonly ILogger<RedisClusterFeed> logger;
    private readonly RedisStorageOptions options;
    private readonly SemaphoreSlim wake = new(0, 1);
    private List<(string Kind, string? Key, Func<JsonElement> Value)> pending = [];
    private Dictionary<string, int> pendingIndex = [];
    private ConnectionMultiplexer? multiplexer;

    // The flush loop's own.
    private readonly Queue<string> unsent = new();
    private long sequence;
    private bool appendFailing;
    private int flushesSinceTrim;

    // The reader loop's own.
    private readonly Dictionary<string, long> lastApplied = new(StringComparer.Ordinal);
    private RedisValue? position;
    // How many entries the log had ever been given up to and including the one at position: what lets the reader
    // tell that entries it never read were trimmed, since trimming leaves no mark of its own on the stream.
    private long consumed;
    private long lastDropCheck;
    private bool readFailing;
    private bool missed;
    private Func<CancellationToken, Task>? reload;

    public RedisClusterFeed(RedisStorageOptions options, ILogger<RedisClusterFeed> logger)
    {
        this.options = options;
        this.logger = logger;
        var keys = new RedisKeys(options.KeyPrefix);
        Channel = RedisChannel.Literal(keys.Feed);
        Log = keys.FeedLog;
    }

    public RedisChannel Channel { get; }

    public RedisKey Log { get; }

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

    public void OnMissed(Func<CancellationToken, Task> reload) => this.reload = reload;

    /// <summary>Finds the log's end before the host goes on to load the read models from the store, so a change
    /// made by another silo while they load is read afterwards rather than lost between the two.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(options.Server);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName = "command-feed-" + origin;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        multiplexer.ConnectionRestored += (_, _) => Wake();
        try
        {
            await MoveToEndOfLogAsync(multiplexer.GetDatabase()).ConfigureAwait(false);
            await multiplexer.GetSubscriber().SubscribeAsync(Channel, WokenBy).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The reader finds the end, and the subscription is made, when Redis answers.
            logger.LogWarning(ex, "The cluster feed could not reach Redis at start; it catches up when Redis answers");
        }
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FlushLoopAsync(stoppingToken), ReadLoopAsync(stoppingToken));

    private async Task FlushLoopAsync(CancellationToken stoppingToken)
    {
        var database = multiplexer!.GetDatabase();
        using var timer = new PeriodicTimer(FlushInterval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushGuardedAsync(database).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        await FlushGuardedAsync(database).ConfigureAwait(false);
    }

    /// <summary>The feed must outlive anything one flush meets: a failed background service stops the whole host.</summary>
    private async Task FlushGuardedAsync(IDatabase database)
    {
        try
        {
            await FlushAsync(database).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "A flush of the cluster feed failed");
        }
    }

    private async Task FlushAsync(IDatabase database)
    {
        List<(string Kind, string? Key, Func<JsonElement> Value)> batch;
        lock (gate)
        {
            batch = pending;
            pending = [];
            pendingIndex = [];
        }
        if (batch.Count > 0)
        {
            var message = new FeedBatch(origin, ++sequence, [.. batch.Select(b => new FeedItem(b.Kind, b.Value()))]);
            unsent.Enqueue(JsonSerializer.Serialize(message, JournalJson.Options));
        }
        if (unsent.Count == 0)
        {
            return;
        }
        int appended = 0;
        try
        {
            while (unsent.TryPeek(out var message))
            {
                await database.StreamAddAsync(Log, BatchField, message, maxLength: MaxLogLength, useApproximateMaxLength: true).ConfigureAwait(false);
                unsent.Dequeue();
                appended++;
            }
            if (appendFailing)
            {
                appendFailing = false;
                logger.LogInformation("The cluster feed reaches Redis again; the changes held meanwhile are sent");
            }
            await database.PublishAsync(Channel, origin, CommandFlags.FireAndForget).ConfigureAwait(false);
            await TrimAsync(database).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            if (!appendFailing)
            {
                appendFailing = true;
                logger.LogWarning(ex, "Could not send changes to the other silos; they are held ({Held} flushes) and sent when Redis answers", unsent.Count);
            }
            int dropped = 0;
            while (unsent.Count > MaxUnsent)
            {
                unsent.Dequeue();
                dropped++;
            }
            if (dropped > 0)
            {
                logger.LogWarning("Redis has not answered for {Held} flushes: the oldest {Dropped} are dropped, and the other silos' lists miss them until those incidents and teams change again",
                    MaxUnsent, dropped);
            }
        }
        if (appended > 1)
        {
            logger.LogDebug("Sent {Count} held flushes to the other silos", appended);
        }
    }

    /// <summary>Drops what is older than <see cref="Retention"/>, going by the Redis server's clock that stamps the
    /// entries' ids, every hundredth flush that sent something (at most every ten seconds).</summary>
    private async Task TrimAsync(IDatabase database)
    {
        if (++flushesSinceTrim < 100)
        {
            return;
        }
        flushesSinceTrim = 0;
        var newest = await database.StreamRangeAsync(Log, "-", "+", count: 1, messageOrder: Order.Descending).ConfigureAwait(false);
        if (newest.Length == 1 && Milliseconds(newest[0].Id) is long stamp)
        {
            string oldestKept = (stamp - (long)Retention.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            await database.ExecuteAsync("XTRIM", Log, "MINID", "~", oldestKept).ConfigureAwait(false);
        }
    }

    private static long? Milliseconds(RedisValue id) =>
        long.TryParse(((string?)id)?.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ms) ? ms : null;

    /// <summary>Every silo hears every wake-up, its own included; its own changes are already in its read models.</summary>
    private void WokenBy(RedisChannel channel, RedisValue sender)
    {
        if (sender != origin)
        {
            Wake();
        }
    }

    private void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A read is already due; it will see this change too.
        }
    }

    private async Task ReadLoopAsync(CancellationToken stoppingToken)
    {
        var database = multiplexer!.GetDatabase();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await wake.WaitAsync(CatchUpInterval, stoppingToken).ConfigureAwait(false);
                try
                {
                    await CatchUpAsync(database).ConfigureAwait(false);
                    await ReloadIfMissedAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Reading the cluster feed failed; it is read again in {Interval}", CatchUpInterval);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CatchUpAsync(IDatabase database)
    {
        try
        {
            if (position is null)
            {
                await MoveToEndOfLogAsync(database).ConfigureAwait(false);
                await multiplexer!.GetSubscriber().SubscribeAsync(Channel, WokenBy).ConfigureAwait(false);
            }
            // Not only after a failure: a silo whose process stood still reads on as if nothing happened. The count
            // still shows the drop after this silo has read past it, so once per catch-up interval is enough; every
            // wake-up would double the feed's round trips to Redis.
            if (TimeProvider.System.GetElapsedTime(lastDropCheck) >= CatchUpInterval)
            {
                lastDropCheck = TimeProvider.System.GetTimestamp();
                if (await DroppedUnreadAsync(database).ConfigureAwait(false))
                {
                    MarkMissed("the feed log dropped changes of the other silos before this silo read them");
                }
            }
            int read;
            do
            {
                var entries = await database.StreamReadAsync(Log, position!.Value, count: ReadCount).ConfigureAwait(false);
                foreach (var entry in entries)
                {
                    position = entry.Id;
                    consumed++;
                    Receive(entry[BatchField]);
                }
                read = entries.Length;
            }
            while (read == ReadCount);
            if (readFailing)
            {
                readFailing = false;
                logger.LogInformation("The cluster feed reads Redis again and has caught up with the other silos' changes");
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            if (!readFailing)
            {
                readFailing = true;
                logger.LogWarning(ex, "The cluster feed cannot read Redis; this silo's lists miss the other silos' changes until it can, then it catches up");
            }
        }
    }

    /// <summary>Whether the log dropped entries this silo never read: trimming removes the oldest entries, so more
    /// removed than this silo consumed means some went unread. A log with fewer entries ever added than this silo
    /// consumed was made anew (Redis lost its data), and this silo missed whatever the old one held. Either way
    /// reading goes on from the oldest entry still there. An older Redis without entries-added does not say, and then
    /// only gaps in the batch numbers tell.</summary>
    private async Task<bool> DroppedUnreadAsync(IDatabase database)
    {
        if (await LogInfoAsync(database).ConfigureAwait(false) is not { EntriesAdded: long added, Length: long length })
        {
            return false;
        }
        if (added < consumed)
        {
            position = "0-0";
            consumed = 0;
            return true;
        }
        long removed = added - length;
        if (removed > consumed)
        {
            consumed = removed;
            return true;
        }
        return false;
    }

    /// <summary>What XINFO STREAM says of the log; null when there is no log yet (nothing was ever written).</summary>
    private async Task<LogInfo?> LogInfoAsync(IDatabase database)
    {
        RedisResult info;
        try
        {
            info = await database.ExecuteAsync("XINFO", "STREAM", Log).ConfigureAwait(false);
        }
        catch (RedisServerException)
        {
            return null;
        }
        var fields = (RedisResult[])info!;
        var log = new LogInfo("0-0", null, null);
        for (int i = 0; i + 1 < fields.Length; i += 2)
        {
            var value = fields[i + 1];
            log = (string?)fields[i] switch
            {
                "last-generated-id" => log with { LastId = (string?)value ?? "0-0" },
                "entries-added" => log with { EntriesAdded = (long)value },
                "length" => log with { Length = (long)value },
                _ => log,
            };
        }
        return log;
    }

    /// <summary>EntriesAdded is null on a Redis before 7, which does not count them.</summary>
    private sealed record LogInfo(string LastId, long? EntriesAdded, long? Length);

    private void MarkMissed(string why)
    {
        if (!missed)
        {
            logger.LogWarning("This silo missed changes made on other silos ({Why}); it reloads its lists, the map and the credentials from the store", why);
        }
        missed = true;
    }

    private async Task ReloadIfMissedAsync(CancellationToken cancellationToken)
    {
        if (!missed || reload is null)
        {
            return;
        }
        long started = TimeProvider.System.GetTimestamp();
        try
        {
            await reload(cancellationToken).ConfigureAwait(false);
            missed = false;
            logger.LogInformation("Reloaded the read models from the store after missing other silos' changes, in {Elapsed:0.00}s",
                TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Reloading the read models after missed changes failed; it is tried again in {Interval}", CatchUpInterval);
        }
    }

    /// <summary>Starts reading after the last ID the log ever gave (so a log trimmed empty does not look as if this
    /// silo missed its entries), counting every entry the log had by then as consumed.</summary>
    private async Task MoveToEndOfLogAsync(IDatabase database)
    {
        var info = await LogInfoAsync(database).ConfigureAwait(false);
        consumed = info?.EntriesAdded ?? 0;
        position = info?.LastId ?? "0-0";
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
            if (lastApplied.TryGetValue(batch.Origin, out long last))
            {
                if (batch.Sequence <= last)
                {
                    // Sent again after an append that timed out but had gone through.
                    return;
                }
                if (batch.Sequence > last + 1)
                {
                    logger.LogWarning("Missed {Count} flushes of silo {Origin}'s changes (older than the feed log keeps, or dropped by a sender that could not reach Redis)",
                        batch.Sequence - last - 1, batch.Origin);
                    MarkMissed($"{batch.Sequence - last - 1} flushes of silo {batch.Origin}");
                }
            }
            lastApplied[batch.Origin] = batch.Sequence;
            foreach (var item in batch.Items)
            {
                Apply(item);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A batch of changes from another silo could not be read");
        }
    }

    private void Apply(FeedItem item)
    {
        try
        {
            if (handlers.TryGetValue(item.Kind, out var handler))
            {
                handler(item.Value);
            }
        }
        catch (Exception ex)
        {
            // One change that does not fit this silo's read model must not cost it the rest of the batch.
            logger.LogWarning(ex, "A change ({Kind}) from another silo could not be applied", item.Kind);
        }
    }

    public override void Dispose()
    {
        multiplexer?.Dispose();
        wake.Dispose();
        base.Dispose();
    }
}
