using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Command.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store: journal, snapshots and reminders in one SQLite file in WAL mode with synchronous=FULL,
/// so a committed transaction is on disk. Writes go through one writer that commits in groups: every append
/// waiting when a transaction starts joins it, shares its single fsync, and is acknowledged only after the commit.
/// Each append runs in its own savepoint, so one conflicting append fails alone.
/// </summary>
public sealed class SqliteStore : IEventJournal, IDeadlineTable, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly string connectionString;
    private readonly Channel<WriteOp> writes = Channel.CreateUnbounded<WriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection writer;
    private readonly Task writerLoop;
    private readonly ILogger logger;
    private readonly TaskCompletionSource writerGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long commits;

    public SqliteStore(string path, ILogger<SqliteStore> logger) : this(path, logger, paused: false)
    {
    }

    /// <param name="paused">Tests hold the writer to queue appends deterministically, then <see cref="ResumeWrites"/>.</param>
    internal SqliteStore(string path, ILogger<SqliteStore> logger, bool paused)
    {
        if (!paused)
        {
            writerGate.SetResult();
        }
        this.logger = logger;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 10 }.ToString();
        writer = SqliteSchema.Open(connectionString, synchronous: "FULL");
        SqliteSchema.Execute(writer, """
            CREATE TABLE IF NOT EXISTS streams(
                stream TEXT PRIMARY KEY, version INTEGER NOT NULL, snapshot_version INTEGER, snapshot TEXT) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS events(
                stream TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, data TEXT NOT NULL,
                PRIMARY KEY(stream, seq)) WITHOUT ROWID;
            CREATE TRIGGER IF NOT EXISTS events_are_never_edited BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'journal events are never edited'); END;
            CREATE TRIGGER IF NOT EXISTS events_are_never_deleted BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'journal events are never deleted'); END;
            CREATE TABLE IF NOT EXISTS reminders(
                grain TEXT NOT NULL, name TEXT NOT NULL, due_at TEXT NOT NULL, period_ticks INTEGER,
                PRIMARY KEY(grain, name)) WITHOUT ROWID;
            """);
        writerLoop = Task.Run(WriteLoopAsync);
    }

    public Task AppendAsync(string stream, long expectedVersion, IReadOnlyList<JournalEntry> entries, StreamSnapshot? snapshot, CancellationToken cancellationToken = default)
    {
        JournalOrder.Check(stream, expectedVersion, entries);
        return Enqueue((connection, tx) =>
        {
            long actual = SqliteSchema.Scalar<long?>(connection, tx, "SELECT version FROM streams WHERE stream = $s", ("$s", stream)) ?? 0;
            if (actual != expectedVersion)
            {
                throw new JournalConflictException(stream, expectedVersion, actual);
            }
            using var insert = SqliteSchema.Command(connection, tx, "INSERT INTO events(stream, seq, at, kind, actor, data) VALUES($s, $q, $a, $k, $o, $d)");
            var seq = insert.Parameters.Add("$q", SqliteType.Integer);
            var at = insert.Parameters.Add("$a", SqliteType.Text);
            var kind = insert.Parameters.Add("$k", SqliteType.Text);
            var actor = insert.Parameters.Add("$o", SqliteType.Text);
            var data = insert.Parameters.Add("$d", SqliteType.Text);
            insert.Parameters.AddWithValue("$s", stream);
            foreach (var entry in entries)
            {
                seq.Value = entry.Seq;
                at.Value = entry.At.ToString("O", CultureInfo.InvariantCulture);
                kind.Value = entry.Kind;
                actor.Value = entry.Actor;
                data.Value = entry.Data;
                insert.ExecuteNonQuery();
            }
            long version = expectedVersion + entries.Count;
            if (snapshot is null)
            {
                SqliteSchema.Exec(connection, tx,
                    "INSERT INTO streams(stream, version) VALUES($s, $v) ON CONFLICT(stream) DO UPDATE SET version = $v",
                    ("$s", stream), ("$v", version));
            }
            else
            {
                SqliteSchema.Exec(connection, tx,
                    "INSERT INTO streams(stream, version, snapshot_version, snapshot) VALUES($s, $v, $sv, $st) " +
                    "ON CONFLICT(stream) DO UPDATE SET version = $v, snapshot_version = $sv, snapshot = $st",
                    ("$s", stream), ("$v", version), ("$sv", snapshot.Version), ("$st", snapshot.State));
            }
        });
    }

    public Task<StreamSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default) =>
        ReadAsync<StreamSnapshot?>(connection =>
        {
            using var command = SqliteSchema.Command(connection, null, "SELECT snapshot_version, snapshot FROM streams WHERE stream = $s AND snapshot IS NOT NULL", ("$s", stream));
            using var reader = command.ExecuteReader();
            return reader.Read() ? new StreamSnapshot(stream, reader.GetInt64(0), reader.GetString(1)) : null;
        });

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, long afterSeq, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<JournalEntry>>(connection =>
        {
            using var command = SqliteSchema.Command(connection, null,
                "SELECT seq, at, kind, actor, data FROM events WHERE stream = $s AND seq > $q ORDER BY seq", ("$s", stream), ("$q", afterSeq));
            using var reader = command.ExecuteReader();
            var result = new List<JournalEntry>();
            while (reader.Read())
            {
                result.Add(new JournalEntry(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                    reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
            return result;
        });

    public Task<IReadOnlyList<string>> ListStreamsAsync(string prefix, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using var command = SqliteSchema.Command(connection, null,
                "SELECT stream FROM streams WHERE stream >= $p AND stream < $end ORDER BY stream", ("$p", prefix), ("$end", prefix + '\uffff'));
            using var reader = command.ExecuteReader();
            var result = new List<string>();
            while (reader.Read())
            {
                result.Add(reader.GetString(0));
            }
            return result;
        });

    public Task<IReadOnlyList<StreamSnapshot>> ReadSnapshotsAsync(string prefix, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StreamSnapshot>>(connection =>
        {
            using var command = SqliteSchema.Command(connection, null,
                "SELECT stream, snapshot_version, snapshot FROM streams WHERE stream >= $p AND stream < $end AND snapshot IS NOT NULL",
                ("$p", prefix), ("$end", prefix + '\uffff'));
            using var reader = command.ExecuteReader();
            var result = new List<StreamSnapshot>();
            while (reader.Read())
            {
                result.Add(new StreamSnapshot(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            }
            return result;
        });

    public Task<IReadOnlyList<DeadlineEntry>> ReadAllAsync(CancellationToken cancellationToken = default) => ReadRemindersAsync(null);

    public Task<IReadOnlyList<DeadlineEntry>> ReadAsync(string grainId, CancellationToken cancellationToken = default) => ReadRemindersAsync(grainId);

    private Task<IReadOnlyList<DeadlineEntry>> ReadRemindersAsync(string? grainId) =>
        ReadAsync<IReadOnlyList<DeadlineEntry>>(connection =>
        {
            using var command = grainId is null
                ? SqliteSchema.Command(connection, null, "SELECT grain, name, due_at, period_ticks FROM reminders")
                : SqliteSchema.Command(connection, null, "SELECT grain, name, due_at, period_ticks FROM reminders WHERE grain = $g", ("$g", grainId));
            using var reader = command.ExecuteReader();
            var result = new List<DeadlineEntry>();
            while (reader.Read())
            {
                result.Add(new DeadlineEntry(reader.GetString(0), reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                    reader.IsDBNull(3) ? null : TimeSpan.FromTicks(reader.GetInt64(3))));
            }
            return result;
        });

    public Task UpsertAsync(DeadlineEntry entry, CancellationToken cancellationToken = default) =>
        Enqueue((connection, tx) => SqliteSchema.Exec(connection, tx,
            "INSERT INTO reminders(grain, name, due_at, period_ticks) VALUES($g, $n, $d, $p) " +
            "ON CONFLICT(grain, name) DO UPDATE SET due_at = $d, period_ticks = $p",
            ("$g", entry.GrainId), ("$n", entry.Name), ("$d", entry.DueAt.ToString("O", CultureInfo.InvariantCulture)), ("$p", entry.Period?.Ticks)));

    public Task DeleteAsync(string grainId, string name, DateTimeOffset? dueAt, CancellationToken cancellationToken = default) =>
        Enqueue((connection, tx) => SqliteSchema.Exec(connection, tx,
            "DELETE FROM reminders WHERE grain = $g AND name = $n AND ($d IS NULL OR due_at = $d)",
            ("$g", grainId), ("$n", name), ("$d", dueAt?.ToString("O", CultureInfo.InvariantCulture))));

    private Task Enqueue(Action<SqliteConnection, SqliteTransaction> write)
    {
        var op = new WriteOp(write);
        return writes.Writer.TryWrite(op) ? op.Done.Task : Task.FromException(new StorageUnavailableException("The store is shutting down."));
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read)
    {
        await Task.Yield();
        try
        {
            using var connection = SqliteSchema.Open(connectionString, synchronous: null);
            return read(connection);
        }
        catch (SqliteException ex) when (SqliteSchema.IsUnavailable(ex))
        {
            throw new StorageUnavailableException($"SQLite store unavailable: {ex.Message}", ex);
        }
    }

    /// <summary>Transactions committed so far: fewer than appends when group commit is doing its job.</summary>
    public long Commits => Interlocked.Read(ref commits);

    internal void ResumeWrites() => writerGate.TrySetResult();

    private async Task WriteLoopAsync()
    {
        await writerGate.Task.ConfigureAwait(false);
        var batch = new List<WriteOp>(MaxBatch);
        while (await writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && writes.Reader.TryRead(out var op))
            {
                batch.Add(op);
            }
            Commit(batch);
        }
    }

    private void Commit(List<WriteOp> batch)
    {
        var failures = new Exception?[batch.Count];
        try
        {
            using var tx = writer.BeginTransaction();
            for (int i = 0; i < batch.Count; i++)
            {
                tx.Save("op");
                try
                {
                    batch[i].Write(writer, tx);
                    tx.Release("op");
                }
                catch (Exception ex) when (ex is not SqliteException || !SqliteSchema.IsUnavailable((SqliteException)ex))
                {
                    tx.Rollback("op");
                    tx.Release("op");
                    failures[i] = ex;
                }
            }
            tx.Commit();
            Interlocked.Increment(ref commits);
        }
        catch (Exception ex)
        {
            var unavailable = ex is SqliteException sqlite && SqliteSchema.IsUnavailable(sqlite)
                ? new StorageUnavailableException($"SQLite store unavailable: {sqlite.Message}", ex)
                : ex;
            logger.LogError(ex, "Group commit of {Count} writes failed; none of them was applied", batch.Count);
            foreach (var op in batch)
            {
                op.Done.TrySetException(unavailable);
            }
            return;
        }
        for (int i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                batch[i].Done.TrySetException(failure);
            }
            else
            {
                batch[i].Done.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        writes.Writer.TryComplete();
        writerGate.TrySetResult();
        await writerLoop.ConfigureAwait(false);
        writer.Dispose();
    }

    private sealed record WriteOp(Action<SqliteConnection, SqliteTransaction> Write)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
