using Command.Silo.Storage;

namespace Command.Tests.Runtime;

/// <summary>A journal whose next append is stored and then reported as failed, as when a write times out on the way back.</summary>
public sealed class AmbiguousJournal(MemoryStore inner) : IEventJournal
{
    public bool FailNextAfterWriting { get; set; }

    public async Task AppendAsync(string stream, long expectedVersion, IReadOnlyList<JournalEntry> entries, StreamSnapshot? snapshot, CancellationToken cancellationToken = default)
    {
        await inner.AppendAsync(stream, expectedVersion, entries, snapshot, cancellationToken);
        if (FailNextAfterWriting)
        {
            FailNextAfterWriting = false;
            throw new StorageUnavailableException("The store timed out after it had written.");
        }
    }

    public Task<StreamSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default) => inner.ReadSnapshotAsync(stream, cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, long afterSeq, CancellationToken cancellationToken = default) => inner.ReadAsync(stream, afterSeq, cancellationToken);

    public Task<IReadOnlyList<string>> ListStreamsAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListStreamsAsync(prefix, cancellationToken);

    public Task<IReadOnlyList<StreamSnapshot>> ReadSnapshotsAsync(string prefix, CancellationToken cancellationToken = default) => inner.ReadSnapshotsAsync(prefix, cancellationToken);
}
