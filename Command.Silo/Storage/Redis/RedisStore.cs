using System.Globalization;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;

namespace Command.Silo.Storage.Redis;

/// <summary>
/// The journal, snapshots and reminders in Redis (key layout in <see cref="RedisKeys"/>). Each grain's events are a
/// Redis Stream whose entry IDs are the event sequence numbers, beside a small hash with the stream's version and
/// latest snapshot, the way SQLite keeps them in its streams table. An append is one Lua script: the version check,
/// the events, the version, the snapshot and the stream index are written together or not at all, and Redis runs
/// it alone, so two writers at the same version cannot both win. No code path rewrites or removes an event.
/// A write is acknowledged once Redis has executed it; how durable that is depends on how Redis is run (AOF with
/// appendfsync always, or WAIT on replicas, see <see cref="RedisStorageOptions.WaitReplicas"/> and the README).
/// </summary>
public sealed class RedisStore(RedisConnection connection) : IEventJournal, IDeadlineTable
{
    /// <summary>Events and track points are read in pages of this many, so a long stream is never one huge reply.</summary>
    internal const int PageSize = 1000;

    /// <summary>How many snapshot reads are pipelined at once when read models are rebuilt.</summary>
    private const int SnapshotBatch = 500;

    private static readonly RedisValue[] SnapshotFields = ["snapshot_version", "snapshot"];
    private readonly RedisKeys keys = connection.Keys;

    public async Task AppendAsync(string stream, long expectedVersion, IReadOnlyList<JournalEntry> entries, StreamSnapshot? snapshot, CancellationToken cancellationToken = default)
    {
        // A gap or a repeat is a bug in the writer: refused before anything is sent.
        JournalOrder.Check(stream, expectedVersion, entries);
        long newVersion = expectedVersion + entries.Count;
        var args = new List<RedisValue>(5 + entries.Count * 5)
        {
            stream,
            Invariant(expectedVersion),
            Invariant(newVersion),
            snapshot is null ? "" : Invariant(snapshot.Version),
            snapshot?.State ?? "",
        };
        foreach (var entry in entries)
        {
            args.Add(Invariant(entry.Seq));
            args.Add(entry.At.ToString("O", CultureInfo.InvariantCulture));
            args.Add(entry.Kind);
            args.Add(entry.Actor);
            args.Add(entry.Data);
        }
        try
        {
            await connection.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.Append,
                [keys.Head(stream), keys.Events(stream), keys.StreamIndex], [.. args], CommandFlags.NoScriptCache), cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("CONFLICT ", StringComparison.Ordinal))
        {
            throw new JournalConflictException(stream, expectedVersion, long.Parse(ex.Message["CONFLICT ".Length..], CultureInfo.InvariantCulture));
        }
        await connection.WaitForReplicasAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StreamSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default)
    {
        var values = await connection.RunAsync(db => db.HashGetAsync(keys.Head(stream), SnapshotFields), cancellationToken).ConfigureAwait(false);
        return ToSnapshot(stream, values);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, long afterSeq, CancellationToken cancellationToken = default)
    {
        var result = new List<JournalEntry>();
        long next = afterSeq + 1;
        while (true)
        {
            var page = await ReadPageAsync(connection, keys.Events(stream), Invariant(next) + "-0", "+", cancellationToken).ConfigureAwait(false);
            foreach (var (id, fields) in page)
            {
                long seq = long.Parse(id.AsSpan(0, id.IndexOf('-')), CultureInfo.InvariantCulture);
                result.Add(new JournalEntry(seq, DateTimeOffset.Parse(fields["at"], CultureInfo.InvariantCulture), fields["kind"], fields["actor"], fields["data"]));
                next = seq + 1;
            }
            if (page.Count < PageSize)
            {
                return result;
            }
        }
    }

    public async Task<IReadOnlyList<string>> ListStreamsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        // Every name at score 0 sorts by its bytes, so [prefix, prefix + 0xFF) is exactly the names under the prefix
        // (0xFF never occurs in UTF-8): an index range read, never a scan of the keyspace.
        byte[] start = Encoding.UTF8.GetBytes(prefix);
        byte[] end = [.. start, 0xFF];
        var names = await connection.RunAsync(db => db.SortedSetRangeByValueAsync(keys.StreamIndex, start, end, Exclude.Stop), cancellationToken).ConfigureAwait(false);
        return [.. names.Select(n => (string)n!)];
    }

    public async Task<IReadOnlyList<StreamSnapshot>> ReadSnapshotsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var streams = await ListStreamsAsync(prefix, cancellationToken).ConfigureAwait(false);
        var result = new List<StreamSnapshot>();
        foreach (var batch in streams.Chunk(SnapshotBatch))
        {
            // One round trip per batch: the reads are pipelined on the connection.
            var values = await connection.RunAsync(db => Task.WhenAll(batch.Select(s => db.HashGetAsync(keys.Head(s), SnapshotFields))), cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < batch.Length; i++)
            {
                if (ToSnapshot(batch[i], values[i]) is { } snapshot)
                {
                    result.Add(snapshot);
                }
            }
        }
        return result;
    }

    public async Task<IReadOnlyList<DeadlineEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var rows = await connection.RunAsync(db => db.HashGetAllAsync(keys.Reminders), cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => JsonSerializer.Deserialize<RedisReminder>((string)row.Value!)!.ToEntry())];
    }

    public async Task UpsertAsync(DeadlineEntry entry, CancellationToken cancellationToken = default)
    {
        string value = JsonSerializer.Serialize(RedisReminder.From(entry));
        await connection.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.UpsertReminder,
            [keys.Reminders], [ReminderField(entry.GrainId, entry.Name), value], CommandFlags.NoScriptCache), cancellationToken).ConfigureAwait(false);
        await connection.WaitForReplicasAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string grainId, string name, DateTimeOffset? dueAt, CancellationToken cancellationToken = default)
    {
        // With a due time, the comparison and the delete must be one step on the server, or a re-registration could
        // slip between them.
        string due = dueAt is null ? "" : Invariant(dueAt.Value.UtcTicks);
        await connection.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.DeleteReminder,
            [keys.Reminders], [ReminderField(grainId, name), due], CommandFlags.NoScriptCache), cancellationToken).ConfigureAwait(false);
        await connection.WaitForReplicasAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of a Redis Stream from <paramref name="startId"/> on, up to <paramref name="endId"/>, as (ID, fields).</summary>
    internal static async Task<List<(string Id, Dictionary<string, string> Fields)>> ReadPageAsync(RedisConnection connection, string key, string startId, string endId, CancellationToken cancellationToken)
    {
        var reply = await connection.RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.Range, [key], [startId, PageSize, endId], CommandFlags.NoScriptCache), cancellationToken).ConfigureAwait(false);
        var page = new List<(string, Dictionary<string, string>)>();
        foreach (var item in (RedisResult[])reply!)
        {
            var parts = (RedisResult[])item!;
            var values = (RedisValue[])parts[1]!;
            var fields = new Dictionary<string, string>(values.Length / 2, StringComparer.Ordinal);
            for (int i = 0; i + 1 < values.Length; i += 2)
            {
                fields[(string)values[i]!] = (string)values[i + 1]!;
            }
            page.Add(((string)parts[0]!, fields));
        }
        return page;
    }

    private static StreamSnapshot? ToSnapshot(string stream, RedisValue[] values) =>
        values[0].IsNull || values[1].IsNull ? null : new StreamSnapshot(stream, (long)values[0], (string)values[1]!);

    /// <summary>A JSON array, so no grain id or reminder name can be mistaken for another pair.</summary>
    private static string ReminderField(string grainId, string name) => JsonSerializer.Serialize(new[] { grainId, name });

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
