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

    /// <summary>How far a silo's clock may be ahead of Redis' without a track read missing reports.</summary>
    internal static readonly TimeSpan ArrivalClockMargin = TimeSpan.FromMinutes(10);

    private readonly RedisConnection connection;
    private readonly TelemetryBuffer buffer;

    public RedisTelemetryStore(RedisConnection connection, TimeSpan flushInterval, TimeProvider time, ILogger<RedisTelemetryStore> logger)
    {
        this.connection = connection;
        buffer = new TelemetryBuffer(WriteAsync, flushInterval, time, logger, "Redis", reportsPerWrite: ReportsPerScript);
    }

    public int Buffered => buffer.Buffered;

    public void Record(string teamId, TeamPosition position) => buffer.Record(teamId, position);

    public Task FlushAsync(CancellationToken cancellationToken = default) => buffer.FlushAsync(cancellationToken);

    private Task WriteAsync(IReadOnlyList<KeyValuePair<string, TeamPosition>> latest, IReadOnlyList<(string TeamId, TeamPosition Position)> track, CancellationToken cancellationToken)
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
        foreach (var (teamId, position) in buffer.UnsavedLatest)
        {
            result[teamId] = position;
        }
        return result;
    }

    public async Task<IReadOnlyList<TeamPosition>> ReadTrackAsync(string teamId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        // The track is in arrival order, not by report time (a late report keeps its place), so the time window is
        // applied while reading, as the SQLite store does. An entry's ID is the Redis clock when it arrived, and no
        // report arrives before it was stamped (the silo stamps one from a clock running ahead at its own time), so
        // the read starts at the window's start, less a margin for the silos' and Redis' clocks to differ; a report
        // that arrived late is still after that.
        var unsaved = buffer.UnsavedTrack(teamId, from, to);
        var result = new List<TeamPosition>();
        long since = from <= DateTimeOffset.UnixEpoch + ArrivalClockMargin ? 0 : (from - ArrivalClockMargin).ToUnixTimeMilliseconds();
        string start = since.ToString(CultureInfo.InvariantCulture) + "-0";
        string end = LastArrival(to);
        while (true)
        {
            var page = await RedisStore.ReadPageAsync(connection, connection.Keys.Track(teamId), start, end, cancellationToken).ConfigureAwait(false);
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
                return TelemetryBuffer.Merge(unsaved, result);
            }
            start = After(page[^1].Id);
        }
    }

    /// <summary>The last arrival a report of the window can have: its time plus the arrival limit, plus the clocks'
    /// margin the other way. Without it, a replay of last year's case would read the team's whole year since.</summary>
    private string LastArrival(DateTimeOffset to)
    {
        if (connection.Options.TrackArrivalLimit is not { } limit)
        {
            return "+";
        }
        var margin = (limit > TimeSpan.Zero ? limit : TimeSpan.Zero) + ArrivalClockMargin;
        if (DateTimeOffset.MaxValue - to <= margin)
        {
            return "+";
        }
        long ms = Math.Max(0, (to + margin).ToUnixTimeMilliseconds());
        return ms.ToString(CultureInfo.InvariantCulture) + "-" + ulong.MaxValue.ToString(CultureInfo.InvariantCulture);
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

    public ValueTask DisposeAsync() => buffer.DisposeAsync();
}
