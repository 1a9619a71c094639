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
    private readonly TelemetryBuffer buffer;

    public SqliteTelemetryStore(string path, TimeSpan flushInterval, TimeProvider time, ILogger<SqliteTelemetryStore> logger)
    {
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
        buffer = new TelemetryBuffer((latest, track, _) =>
        {
            Write(latest, track);
            return Task.CompletedTask;
        }, flushInterval, time, logger, "SQLite");
    }

    public int Buffered => buffer.Buffered;

    public void Record(string teamId, TeamPosition position) => buffer.Record(teamId, position);

    public Task FlushAsync(CancellationToken cancellationToken = default) => buffer.FlushAsync(cancellationToken);

    private void Write(IReadOnlyList<KeyValuePair<string, TeamPosition>> latest, IReadOnlyList<(string TeamId, TeamPosition Position)> track)
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
        p[3].Value = Stamp(position.At);
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
        foreach (var (teamId, position) in buffer.UnsavedLatest)
        {
            result[teamId] = position;
        }
        return Task.FromResult<IReadOnlyDictionary<string, TeamPosition>>(result);
    }

    public Task<IReadOnlyList<TeamPosition>> ReadTrackAsync(string teamId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var unsaved = buffer.UnsavedTrack(teamId, from, to);
        using var connection = SqliteSchema.Open(connectionString, synchronous: null);
        // Times are written in UTC, but a store from before that holds some with the terminal's own offset, whose text
        // sorts by local time: the index range is widened by the largest offset and the exact window applied here.
        using var command = SqliteSchema.Command(connection, null,
            "SELECT lon, lat, at, heading, speed FROM track WHERE team = $t AND at >= $from AND at <= $to",
            ("$t", teamId), ("$from", Stamp(Widen(from, -1))), ("$to", Stamp(Widen(to, +1))));
        using var reader = command.ExecuteReader();
        var stored = new List<TeamPosition>();
        while (reader.Read())
        {
            var position = Read(reader, 0);
            if (position.At >= from && position.At <= to)
            {
                stored.Add(position);
            }
        }
        return Task.FromResult(TelemetryBuffer.Merge(unsaved, stored));
    }

    private static readonly TimeSpan LargestOffset = TimeSpan.FromHours(14);

    private static DateTimeOffset Widen(DateTimeOffset at, int direction) => direction < 0
        ? (at.UtcTicks - DateTimeOffset.MinValue.UtcTicks < LargestOffset.Ticks ? DateTimeOffset.MinValue : at - LargestOffset)
        : (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks < LargestOffset.Ticks ? DateTimeOffset.MaxValue : at + LargestOffset);

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static TeamPosition Read(SqliteDataReader reader, int offset) => new(
        reader.GetDouble(offset), reader.GetDouble(offset + 1),
        DateTimeOffset.Parse(reader.GetString(offset + 2), CultureInfo.InvariantCulture),
        reader.IsDBNull(offset + 3) ? null : reader.GetDouble(offset + 3),
        reader.IsDBNull(offset + 4) ? null : reader.GetDouble(offset + 4));

    public ValueTask DisposeAsync() => buffer.DisposeAsync();
}
