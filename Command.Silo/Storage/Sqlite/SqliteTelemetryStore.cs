using System.Collections.Concurrent;
using System.Globalization;
using Command.Abstractions.Patrols;
using Microsoft.Data.Sqlite;

namespace Command.Silo.Storage.Sqlite;

/// <summary>
/// Positions in their own SQLite file with synchronous=NORMAL: a flush every interval writes the newest position of
/// each team that moved and appends every report to the track log, in one transaction. A crash can lose the last
/// interval of positions, which the next report replaces; it can never lose a journal event, which lives elsewhere.
/// </summary>
public sealed class SqliteTelemetryStore : ITelemetryStore, IAsyncDisposable
{
    private readonly string connectionString;
    private readonly ConcurrentDictionary<string, TeamPosition> unsavedLatest = new();
    private readonly ConcurrentQueue<(string TeamId, TeamPosition Position)> unsavedTrack = new();
    private readonly SemaphoreSlim flushing = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task flushLoop;
    private readonly ILogger logger;

    public SqliteTelemetryStore(string path, TimeSpan flushInterval, TimeProvider time, ILogger<SqliteTelemetryStore> logger)
    {
        this.logger = logger;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using (var connection = SqliteSchema.Open(connectionString, synchronous: "NORMAL"))
        {
            SqliteSchema.Execute(connection, """
                CREATE TABLE IF NOT EXISTS latest_positions(
                    team TEXT PRIMARY KEY, lon REAL NOT NULL, lat REAL NOT NULL, at TEXT NOT NULL, heading REAL, speed REAL) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS track(
                    team TEXT NOT NULL, at TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL, heading REAL, speed REAL);
                CREATE INDEX IF NOT EXISTS track_by_team ON track(team, at);
                """);
        }
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
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Telemetry flush failed; positions stay buffered for the next try");
                }
            }
        });
    }

    public int Buffered => unsavedTrack.Count;

    public void Record(string teamId, TeamPosition position)
    {
        unsavedLatest[teamId] = position;
        unsavedTrack.Enqueue((teamId, position));
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var track = new List<(string TeamId, TeamPosition Position)>();
            while (unsavedTrack.TryDequeue(out var item))
            {
                track.Add(item);
            }
            var latest = new Dictionary<string, TeamPosition>();
            foreach (var teamId in unsavedLatest.Keys)
            {
                if (unsavedLatest.TryRemove(teamId, out var position))
                {
                    latest[teamId] = position;
                }
            }
            if (track.Count == 0 && latest.Count == 0)
            {
                return;
            }
            try
            {
                Write(latest, track);
            }
            catch
            {
                // Put the newest positions back unless a newer one came meanwhile; the track batch is retried too.
                foreach (var (teamId, position) in latest)
                {
                    unsavedLatest.TryAdd(teamId, position);
                }
                foreach (var item in track)
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

    private void Write(Dictionary<string, TeamPosition> latest, List<(string TeamId, TeamPosition Position)> track)
    {
        using var connection = SqliteSchema.Open(connectionString, synchronous: "NORMAL");
        using var tx = connection.BeginTransaction();
        using (var upsert = SqliteSchema.Command(connection, tx,
            "INSERT INTO latest_positions(team, lon, lat, at, heading, speed) VALUES($t, $x, $y, $a, $h, $s) " +
            "ON CONFLICT(team) DO UPDATE SET lon = $x, lat = $y, at = $a, heading = $h, speed = $s"))
        {
            var p = Bind(upsert);
            foreach (var (teamId, position) in latest)
            {
                Set(p, teamId, position);
                upsert.ExecuteNonQuery();
            }
        }
        using (var append = SqliteSchema.Command(connection, tx,
            "INSERT INTO track(team, lon, lat, at, heading, speed) VALUES($t, $x, $y, $a, $h, $s)"))
        {
            var p = Bind(append);
            foreach (var (teamId, position) in track)
            {
                Set(p, teamId, position);
                append.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    private static SqliteParameter[] Bind(SqliteCommand command) =>
        [.. new[] { "$t", "$x", "$y", "$a", "$h", "$s" }.Select(name => command.Parameters.Add(name, SqliteType.Text))];

    private static void Set(SqliteParameter[] p, string teamId, TeamPosition position)
    {
        p[0].Value = teamId;
        p[1].Value = position.Lon;
        p[2].Value = position.Lat;
        p[3].Value = position.At.ToString("O", CultureInfo.InvariantCulture);
        p[4].Value = (object?)position.HeadingDeg ?? DBNull.Value;
        p[5].Value = (object?)position.SpeedMps ?? DBNull.Value;
    }

    public Task<IReadOnlyDictionary<string, TeamPosition>> ReadLatestAsync(CancellationToken cancellationToken = default)
    {
        using var connection = SqliteSchema.Open(connectionString, synchronous: null);
        using var command = SqliteSchema.Command(connection, null, "SELECT team, lon, lat, at, heading, speed FROM latest_positions");
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, TeamPosition>();
        while (reader.Read())
        {
            result[reader.GetString(0)] = Read(reader, 1);
        }
        foreach (var (teamId, position) in unsavedLatest)
        {
            result[teamId] = position;
        }
        return Task.FromResult<IReadOnlyDictionary<string, TeamPosition>>(result);
    }

    public Task<IReadOnlyList<TeamPosition>> ReadTrackAsync(string teamId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        using var connection = SqliteSchema.Open(connectionString, synchronous: null);
        using var command = SqliteSchema.Command(connection, null,
            "SELECT lon, lat, at, heading, speed FROM track WHERE team = $t ORDER BY rowid", ("$t", teamId));
        using var reader = command.ExecuteReader();
        var result = new List<TeamPosition>();
        while (reader.Read())
        {
            var position = Read(reader, 0);
            if (position.At >= from && position.At <= to)
            {
                result.Add(position);
            }
        }
        return Task.FromResult<IReadOnlyList<TeamPosition>>(result);
    }

    private static TeamPosition Read(SqliteDataReader reader, int offset) => new(
        reader.GetDouble(offset), reader.GetDouble(offset + 1),
        DateTimeOffset.Parse(reader.GetString(offset + 2), CultureInfo.InvariantCulture),
        reader.IsDBNull(offset + 3) ? null : reader.GetDouble(offset + 3),
        reader.IsDBNull(offset + 4) ? null : reader.GetDouble(offset + 4));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await flushLoop.ConfigureAwait(false);
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Final telemetry flush failed");
        }
    }
}
