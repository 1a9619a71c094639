using System.Text.Json;
using Command.Silo.Runtime;
using Command.Silo.Storage;

namespace Command.Benchmarks.Load;

/// <summary>
/// One grain's stream built outside the grain: events encoded by the grain's own codec and folded by its own Apply,
/// with the snapshot the grain would have left (it snapshots every <c>snapshotEvery</c> events), so the journal holds
/// what the grain itself would have written.
/// </summary>
internal sealed class SeededStream<TState, TEvent>(string name, TState initial, Func<TState, TEvent, EventMeta, TState> apply, int snapshotEvery)
    where TState : class where TEvent : class
{
    private readonly List<JournalEntry> entries = [];
    private TState state = initial;
    private TState? snapshot;
    private long snapshotVersion;

    public string Name => name;

    public TState State => state;

    public void Raise(TEvent @event, DateTimeOffset at, string actor)
    {
        var meta = new EventMeta(entries.Count + 1, at, actor);
        state = apply(state, @event, meta);
        entries.Add(new JournalEntry(meta.Seq, at, EventCodec<TEvent>.KindOf(@event), actor, EventCodec<TEvent>.Serialize(@event)));
        if (meta.Seq % snapshotEvery == 0)
        {
            snapshot = state;
            snapshotVersion = meta.Seq;
        }
    }

    public Task AppendAsync(IEventJournal journal) =>
        journal.AppendAsync(name, 0, entries,
            snapshot is null ? null : new StreamSnapshot(name, snapshotVersion, JsonSerializer.Serialize(snapshot, JournalJson.Options)));
}
