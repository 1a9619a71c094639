using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Command.Abstractions.Patrols;
using Command.Silo.Runtime;
using StackExchange.Redis;

namespace Command.Silo.Storage.Redis;

/// <summary>
/// Positions in Redis, written the way SQLite's telemetry store writes them: <see cref="Record"/> only buffers, and
/// a flush every interval sends the newest position of each team that moved (the positions hash) and every report
/// (one Redis Stream per team, append-only) in a few Lua scripts. Nothing goes to Redis per update, and a telemetry
/// write never waits for replicas: a crash or an outage can lose the last interval of positions, never an event.
/// </summary>
public sealed class RedisTelemetryStore : ITelemetryStore, IAsyncDisposable
{
    /// <summary>Reports per script, so one flush after a long outage never blocks Redis for long.</summary>
    private const int ReportsPerScript = 500;

    /// <summary>The buffer's bound while Redis is away: past it the oldest reports are dropped (the latest position
    /// per team is kept apart and never dropped), so an outage cannot exhaust the silo's memory.</summary>
    internal const int MaxBufferedReports = 200_000;

    private readonly RedisConnection connection;
    private readonly ConcurrentDictionary<string, TeamPosition> unsavedLatest = new();
    private readonly ConcurrentQueue<(string TeamId, TeamPosition Position)> unsavedTrack = new();
    private readonly SemaphoreSlim flushing = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task flushLoop;
    private readonly ILogger logger;
    private long dropped;
    private int disposed;

    public RedisTelemetryStore(RedisConnection connection, TimeSpan flushInterval, TimeProvider time, ILogger<RedisTelemetryStore> logger)
    {
        this.connection = connection;
        this.logger = logger;
        bool failing = false;
        flushLoop = Task.Run(async () =>
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(flushInterval, time, stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                try
                {
                    await FlushAsync().ConfigureAwait(false);
                    if (failing)
                    {
                        failing = false;
                        logger.LogInformation("Telemetry flushes to Redis again");
                    }
                }
                catch (Exception ex)
                {
                    // Once per outage, not once a second: the connection already reports the outage itself.
                    if (!failing)
                    {
                        failing = true;
                        logger.LogWarning(ex, "Telemetry flush to Redis failed; positions stay buffered and are retried every interval");
                    }
                }
            }
        });
    }

    public int Buffered => unsavedTrack.Count;

    public void Record(string teamId, TeamPosition position)
    {
        unsavedLatest[teamId] = position;
        unsavedTrack.Enqueue((teamId, position));
        while (unsavedTrack.Count > MaxBufferedReports && unsavedTrack.TryDequeue(out _))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref dropped, 0) is > 0 and var lost)
            {
                logger.LogWarning("Dropped the {Count} oldest position reports from the track while Redis could not take them", lost);
            }
            var track = new List<(string TeamId, TeamPosition Position)>();
            while (unsavedTrack.TryDequeue(out var item))
            {
                track.Add(item);
            }
            var latest = new List<KeyValuePair<string, TeamPosition>>();
            foreach (var teamId in unsavedLatest.Keys)
            {
                if (unsavedLatest.TryRemove(teamId, out var position))
                {
                    latest.Add(new(teamId, position));
                }
            }
            int latestSent = 0, trackSent = 0;
            try
            {
                while (latestSent < latest.Count || trackSent < track.Count)
                {
                    var latestPart = latest.Skip(latestSent).Take(ReportsPerScript).ToList();
                    var trackPart = track.Skip(trackSent).Take(ReportsPerScript - latestPart.Count).ToList();
                    await WriteAsync(latestPart, trackPart, cancellationToken).ConfigureAwait(false);
                    latestSent += latestPart.Count;
                    trackSent += trackPart.Count;
                }
            }
            catch
            {
                // Put back what was not written: the newest positions unless a newer one came meanwhile, and the
                // reports not yet sent (never those already sent, which would be in the track twice).
                foreach (var (teamId, position) in latest.Skip(latestSent))
                {
                    unsavedLatest.TryAdd(teamId, position);
                }
                foreach (var item in track.Skip(trackSent))
                {
                    unsavedTrack.Enqueue(item);
                }
                throw;
            }
        }
        finally
        {
            flushing.Release();
        }
    }

    private Task WriteAsync(List<KeyValuePair<string, TeamPosition>> latest, List<(string TeamId, TeamPosition Position)> track, CancellationToken cancellationToken)
    {
        var keys = new List<RedisKey>(1 + track.Count) { connection.Keys.Positions };
        var args = new List<RedisValue>(2 + latest.Count * 2 + track.Count)
        {
            latest.Count,
            connection.Options.TrackMaxLength.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (teamId, position) in latest)
        {
            args.Add(teamId);
            args.Add(JsonSerializer.Serialize(position, JournalJson.Options));
        }
        foreach (var (teamId, position) in track)
        {
            keys.Add(connection.Keys.Track(teamId));
            args.Add(JsonSerializer.Serialize(position, JournalJson.Options));
        }
        return connection.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.FlushTelemetry, [.. keys], [.. args], CommandFlags.NoScriptCache), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, TeamPosition>> ReadLatestAsync(CancellationToken cancellationToken = default)
    {
        var rows = await connection.RunAsync(db => db.HashGetAllAsync(connection.Keys.Positions), cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, TeamPosition>(rows.Length);
        foreach (var row in rows)
        {
            result[(string)row.Name!] = Deserialize((string)row.Value!);
        }
        foreach (var (teamId, position) in unsavedLatest)
        {
            result[teamId] = position;
        }
        return result;
    }

    public async Task<IReadOnlyList<TeamPosition>> ReadTrackAsync(string teamId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        // The track is in arrival order, not by report time (a late report keeps its place), so the time window is
        // applied while reading, as the SQLite store does.
        var result = new List<TeamPosition>();
        string start = "-";
        while (true)
        {
            var page = await RedisStore.ReadPageAsync(connection, connection.Keys.Track(teamId), start, cancellationToken).ConfigureAwait(false);
            foreach (var (_, fields) in page)
            {
                var position = Deserialize(fields["p"]);
                if (position.At >= from && position.At <= to)
                {
                    result.Add(position);
                }
            }
            if (page.Count < RedisStore.PageSize)
            {
                return result;
            }
            start = After(page[^1].Id);
        }
    }

    /// <summary>The smallest stream ID after <paramref name="id"/> ("ms-seq"): XRANGE's exclusive "(" needs Redis 6.2.</summary>
    private static string After(string id)
    {
        int dash = id.IndexOf('-');
        ulong seq = ulong.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture);
        return string.Concat(id.AsSpan(0, dash + 1), (seq + 1).ToString(CultureInfo.InvariantCulture));
    }

    private static TeamPosition Deserialize(string json) =>
        JsonSerializer.Deserialize<TeamPosition>(json, JournalJson.Options) ?? throw new JsonException("An empty position is stored.");

    public async ValueTask DisposeAsync()
    {
        // The host disposes this store twice: once as the ITelemetryStore singleton, once through its provider.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        await flushLoop.ConfigureAwait(false);
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Final telemetry flush to Redis failed");
        }
        stopping.Dispose();
    }
}
