using System.Text.Json;
using Command.Silo.Storage;

namespace Command.Silo.Runtime;

/// <summary>
/// A grain whose state is a fold of its events, as Orleans' JournaledGrain. <see cref="RaiseEvent"/> applies an
/// event to the in-memory state at once; <see cref="ConfirmEvents"/> appends the raised events to the journal and
/// returns when they are durable. State is immutable: if a call throws before its events are confirmed, the state goes
/// back to the last confirmed one, so a failed call leaves no trace. If the append itself failed, the grain is also
/// deactivated, because an append that timed out may have landed: the next call reloads from the journal.
/// </summary>
public abstract class JournaledGrain<TState, TEvent> : Grain where TState : class where TEvent : class
{
    private readonly List<JournalEntry> pending = [];
    private TState confirmed = null!;
    private long confirmedVersion;
    private long snapshotVersion;
    private bool appendFailed;

    protected TState State { get; private set; } = null!;

    /// <summary>The number of events in the journal, counting those raised but not yet confirmed.</summary>
    protected long Version => confirmedVersion + pending.Count;

    protected string StreamName => GrainId.ToString();

    protected abstract TState InitialState { get; }

    protected abstract TState Apply(TState state, TEvent @event, EventMeta meta);

    /// <summary>A snapshot is written with the events every this many events; replay then starts from it.</summary>
    protected virtual int SnapshotEvery => 32;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var journal = Runtime.Journal;
        var state = InitialState;
        long version = 0;
        if (await journal.ReadSnapshotAsync(StreamName, cancellationToken).ConfigureAwait(false) is { } snapshot)
        {
            state = JsonSerializer.Deserialize<TState>(snapshot.State, JournalJson.Options)
                ?? throw new JsonException($"Snapshot of {StreamName} is empty.");
            version = snapshot.Version;
            snapshotVersion = version;
        }
        foreach (var entry in await journal.ReadAsync(StreamName, version, cancellationToken).ConfigureAwait(false))
        {
            state = Apply(state, EventCodec<TEvent>.Deserialize(entry.Kind, entry.Data), new EventMeta(entry.Seq, entry.At, entry.Actor));
            version = entry.Seq;
        }
        State = confirmed = state;
        confirmedVersion = version;
    }

    protected void RaiseEvent(TEvent @event, string actor)
    {
        var meta = new EventMeta(Version + 1, Time.GetUtcNow(), actor);
        State = Apply(State, @event, meta);
        pending.Add(new JournalEntry(meta.Seq, meta.At, EventCodec<TEvent>.KindOf(@event), actor, EventCodec<TEvent>.Serialize(@event)));
    }

    protected async Task ConfirmEvents()
    {
        if (pending.Count == 0)
        {
            return;
        }
        long newVersion = Version;
        StreamSnapshot? snapshot = newVersion - snapshotVersion >= SnapshotEvery
            ? new StreamSnapshot(StreamName, newVersion, JsonSerializer.Serialize(State, JournalJson.Options))
            : null;
        try
        {
            await Runtime.Journal.AppendAsync(StreamName, confirmedVersion, [.. pending], snapshot).ConfigureAwait(false);
        }
        catch
        {
            appendFailed = true;
            throw;
        }
        pending.Clear();
        confirmed = State;
        confirmedVersion = newVersion;
        if (snapshot is not null)
        {
            snapshotVersion = newVersion;
        }
    }

    /// <summary>The stream as stored, for timelines. Unconfirmed events are not included.</summary>
    protected Task<IReadOnlyList<JournalEntry>> ReadJournal() => Runtime.Journal.ReadAsync(StreamName, 0);

    internal override void OnCallFailed()
    {
        pending.Clear();
        State = confirmed;
        if (appendFailed)
        {
            // A timed-out or cut-off append may still have landed, and a conflict means someone else wrote:
            // either way only the journal knows the truth, so the next call gets a fresh activation that reads it.
            DeactivateOnIdle();
        }
    }
}
