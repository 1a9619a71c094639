namespace Command.Silo.Storage;

/// <summary>Append-only event streams, one per grain. Entries are never edited or deleted.</summary>
public interface IEventJournal
{
    /// <summary>Appends entries numbered <paramref name="expectedVersion"/>+1 onwards, and optionally replaces the
    /// stream's snapshot, atomically. Completes only when the write is durable.</summary>
    /// <exception cref="JournalConflictException">The stream is not at <paramref name="expectedVersion"/>.</exception>
    Task AppendAsync(string stream, long expectedVersion, IReadOnlyList<JournalEntry> entries, StreamSnapshot? snapshot, CancellationToken cancellationToken = default);

    Task<StreamSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, long afterSeq, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListStreamsAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>The latest snapshot of every stream under a prefix: how read models are rebuilt at start.</summary>
    Task<IReadOnlyList<StreamSnapshot>> ReadSnapshotsAsync(string prefix, CancellationToken cancellationToken = default);
}
