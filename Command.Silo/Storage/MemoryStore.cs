using System.Collections.Concurrent;
using Command.Abstractions.Patrols;

namespace Command.Silo.Storage;

/// <summary>Everything in process memory: for tests and throwaway demos. Same contract as the durable stores.</summary>
public sealed class MemoryStore : IEventJournal, IDeadlineTable, ITelemetryStore
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<JournalEntry>> streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StreamSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), DeadlineEntry> reminders = [];
    private readonly ConcurrentDictionary<string, TeamPosition> latest = new();
    private readonly ConcurrentDictionary<string, List<TeamPosition>> tracks = new();

    public Task AppendAsync(string stream, long expectedVersion, IReadOnlyList<JournalEntry> entries, StreamSnapshot? snapshot, CancellationToken cancellationToken = default)
    {
        try
        {
            lock (gate)
            {
                var list = streams.GetValueOrDefault(stream);
                if ((list?.Count ?? 0) != expectedVersion)
                {
                    throw new JournalConflictException(stream, expectedVersion, list?.Count ?? 0);
                }
                JournalOrder.Check(stream, expectedVersion, entries);
                (list ??= streams[stream] = []).AddRange(entries);
                if (snapshot is not null)
                {
                    snapshots[stream] = snapshot;
                }
            }
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            // Same shape as the durable stores: a failed append is a faulted task, not a synchronous throw.
            return Task.FromException(ex);
        }
    }

    public Task<StreamSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(snapshots.GetValueOrDefault(stream));
        }
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, long afterSeq, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<JournalEntry> result = streams.TryGetValue(stream, out var list) ? [.. list.Where(e => e.Seq > afterSeq)] : [];
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<string>> ListStreamsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<string> result = [.. streams.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<StreamSnapshot>> ReadSnapshotsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<StreamSnapshot> result = [.. snapshots.Values.Where(s => s.Stream.StartsWith(prefix, StringComparison.Ordinal))];
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<DeadlineEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<DeadlineEntry> result = [.. reminders.Values];
            return Task.FromResult(result);
        }
    }

    public Task UpsertAsync(DeadlineEntry entry, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            reminders[(entry.GrainId, entry.Name)] = entry;
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string grainId, string name, DateTimeOffset? dueAt, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (reminders.TryGetValue((grainId, name), out var row) && (dueAt is null || row.DueAt == dueAt))
            {
                reminders.Remove((grainId, name));
            }
        }
        return Task.CompletedTask;
    }

    public void Record(string teamId, TeamPosition position)
    {
        latest[teamId] = position;
        var track = tracks.GetOrAdd(teamId, _ => []);
        lock (track)
        {
            track.Add(position);
        }
    }

    public Task<IReadOnlyDictionary<string, TeamPosition>> ReadLatestAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, TeamPosition>>(new Dictionary<string, TeamPosition>(latest));

    public Task<IReadOnlyList<TeamPosition>> ReadTrackAsync(string teamId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        if (!tracks.TryGetValue(teamId, out var track))
        {
            return Task.FromResult<IReadOnlyList<TeamPosition>>([]);
        }
        lock (track)
        {
            return Task.FromResult<IReadOnlyList<TeamPosition>>([.. track.Where(p => p.At >= from && p.At <= to)]);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
