using System.Text.Json;
using Command.Silo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Command.Silo.Runtime;

/// <summary>
/// An Orleans grain whose state is a fold of its events, kept in the project's own journal rather than Orleans'
/// JournaledGrain, which retries a failed confirmation forever and re-applies events over another writer's.
/// <see cref="RaiseEvent"/> applies an event to the in-memory state at once; <see cref="ConfirmEvents"/> appends the
/// raised events and returns when they are durable. State is immutable: if a call (or a deadline) throws before its
/// events are confirmed, the state goes back to the last confirmed one, so a failed call leaves no trace. If the append
/// itself failed, the grain is also deactivated, because an append that timed out may have landed: the next call
/// reloads from the journal.
/// <para>
/// Deadlines (<see cref="ScheduleDeadline"/>) are kept in the store's deadline table, next to the journal. While the
/// grain is active a grain timer fires each at its due time; an Orleans reminder is the durable wake-up that brings
/// the grain back when it is not, and an activation takes every deadline that fell due meanwhile at once, marked late.
/// Orleans reminders alone would not do: a tick whose silo was down is skipped, a whole period late.
/// </para>
/// </summary>
public abstract class JournaledGrain<TState, TEvent> : Grain, IIncomingGrainCallFilter, IRemindable
    where TState : class where TEvent : class
{
    private readonly List<JournalEntry> pending = [];
    private readonly Dictionary<string, DateTimeOffset> deadlines = [];
    private readonly Dictionary<string, DateTimeOffset> retryAt = [];
    private TState confirmed = null!;
    private long confirmedVersion;
    private long snapshotVersion;
    private bool appendFailed;
    private bool wakeRegistered;
    private IGrainTimer? deadlineTimer;
    private IEventJournal journal = null!;
    private Cluster.PauseFence fence = null!;
    private Storage.IDeadlineTable deadlineTable = null!;
    private TimeSpan deadlineRetry;

    protected TState State { get; private set; } = null!;

    /// <summary>The number of events in the journal, counting those raised but not yet confirmed.</summary>
    protected long Version => confirmedVersion + pending.Count;

    protected string Key => this.GetPrimaryKeyString();

    /// <summary>"incident/ab12": the grain's id, its journal stream and its deadlines' owner.</summary>
    protected string StreamName => this.GetGrainId().ToString();

    protected TimeProvider Time { get; private set; } = null!;

    /// <summary>Only the rare failures of deadlines log; resolved then rather than held by every activation.</summary>
    private ILogger Logger => ServiceProvider.GetRequiredService<ILogger<JournaledGrain<TState, TEvent>>>();

    protected abstract TState InitialState { get; }

    protected abstract TState Apply(TState state, TEvent @event, EventMeta meta);

    /// <summary>A snapshot is written with the events every this many events; replay then starts from it.</summary>
    protected virtual int SnapshotEvery => 32;

    /// <summary>False when the state says no deadline can be pending, which spares the activation a read.</summary>
    protected virtual bool MayHaveDeadlines => false;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Time = ServiceProvider.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Grains);
        journal = ServiceProvider.GetRequiredService<IEventJournal>();
        fence = ServiceProvider.GetRequiredService<Cluster.PauseFence>();
        deadlineTable = ServiceProvider.GetRequiredService<Storage.IDeadlineTable>();
        deadlineRetry = ServiceProvider.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.DeadlineRetry;
        var state = InitialState;
        long version = 0;
        if (await journal.ReadSnapshotAsync(StreamName, cancellationToken).ConfigureAwait(true) is { } snapshot)
        {
            state = JsonSerializer.Deserialize<TState>(snapshot.State, JournalJson.Options)
                ?? throw new JsonException($"Snapshot of {StreamName} is empty.");
            version = snapshot.Version;
            snapshotVersion = version;
        }
        foreach (var entry in await journal.ReadAsync(StreamName, version, cancellationToken).ConfigureAwait(true))
        {
            state = Apply(state, EventCodec<TEvent>.Deserialize(entry.Kind, entry.Data), new EventMeta(entry.Seq, entry.At, entry.Actor));
            version = entry.Seq;
        }
        State = confirmed = state;
        confirmedVersion = version;

        if (MayHaveDeadlines)
        {
            foreach (var row in await deadlineTable.ReadAsync(StreamName, cancellationToken).ConfigureAwait(true))
            {
                deadlines[row.Name] = row.DueAt;
            }
            if (deadlines.Count > 0)
            {
                // The wake-up may have been lost with a crash between writing a deadline and registering it.
                await EnsureWakeUp().ConfigureAwait(true);
                // What fell due while the grain was active nowhere is taken before the first call: a dispatch that
                // arrives with the activation must not overtake the overdue mark it came too late to prevent.
                await TakeDueDeadlines().ConfigureAwait(true);
            }
        }
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
            fence.ThrowIfPaused();
            await journal.AppendAsync(StreamName, confirmedVersion, [.. pending], snapshot).ConfigureAwait(true);
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
    protected Task<IReadOnlyList<JournalEntry>> ReadJournal() => journal.ReadAsync(StreamName, 0);

    /// <summary>Sets (or moves) a named deadline; it is durable when the task completes.</summary>
    protected async Task ScheduleDeadline(string name, DateTimeOffset dueAt)
    {
        // Wake-up first: a wake-up with no deadline behind it costs one empty tick, a deadline with no wake-up is lost
        // if the grain is deactivated before it falls due.
        await EnsureWakeUp().ConfigureAwait(true);
        fence.ThrowIfPaused();
        await deadlineTable.UpsertAsync(new Storage.DeadlineEntry(StreamName, name, dueAt, null)).ConfigureAwait(true);
        deadlines[name] = dueAt;
        retryAt.Remove(name);
        ArmDeadlineTimer();
    }

    protected async Task CancelDeadline(string name)
    {
        if (!deadlines.ContainsKey(name))
        {
            return;
        }
        fence.ThrowIfPaused();
        retryAt.Remove(name);
        deadlines.Remove(name);
        await deadlineTable.DeleteAsync(StreamName, name, null).ConfigureAwait(true);
        ArmDeadlineTimer();
        await DropWakeUpIfIdle().ConfigureAwait(true);
    }

    /// <summary>Handles a deadline that fell due. It may run again after a crash (at-least-once): make it idempotent
    /// from the state. It may schedule the same deadline again for later.</summary>
    protected virtual Task OnDeadline(string name, DeadlineTick tick) => Task.CompletedTask;

    /// <summary>Deadlines that fall due at the same moment are handled in this order, lowest first, then by name, so
    /// that the outcome of a tie never depends on which timer happened to fire first.</summary>
    protected virtual int DeadlineRank(string name) => 0;

    /// <summary>The Orleans reminder's tick only makes sure the grain is active and its due deadlines are taken.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => TakeDueDeadlines(fromReminder: true);

    /// <summary>Every grain call passes here: a call that throws leaves the state as it was last confirmed. A deadline
    /// that has fallen due is taken first, even if its timer has not fired yet (a busy machine runs timers late): a
    /// dispatch that arrives after the dispatch deadline must find the case already marked overdue.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (deadlines.Count > 0 && deadlines.Any(d => IsDue(d.Key, d.Value, Time.GetUtcNow())))
        {
            await TakeDueDeadlines().ConfigureAwait(true);
        }
        try
        {
            await context.Invoke().ConfigureAwait(true);
        }
        catch
        {
            OnCallFailed();
            throw;
        }
    }

    private void OnCallFailed()
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

    private Task TakeDueDeadlines() => TakeDueDeadlines(fromReminder: false);

    private async Task TakeDueDeadlines(bool fromReminder)
    {
        var now = Time.GetUtcNow();
        var due = deadlines.Where(d => IsDue(d.Key, d.Value, now))
            .OrderBy(d => d.Value).ThenBy(d => DeadlineRank(d.Key)).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
        foreach (var (name, dueAt) in due)
        {
            if (!deadlines.TryGetValue(name, out var current) || current != dueAt)
            {
                continue; // an earlier handler in this round moved or cancelled it
            }
            try
            {
                using (CallChainFilter.Begin(StreamName))
                {
                    await OnDeadline(name, new DeadlineTick(dueAt, now)).ConfigureAwait(true);
                }
            }
            catch (Exception ex)
            {
                OnCallFailed();
                Logger.LogWarning(ex, "Deadline {Name} of {Grain} threw; retrying in {Retry}", name, StreamName, deadlineRetry);
                if (deadlines.TryGetValue(name, out current) && current == dueAt)
                {
                    // Kept in the table at its due time, so a restart takes it again; retried here meanwhile.
                    retryAt[name] = Time.GetUtcNow() + deadlineRetry;
                }
                continue;
            }
            if (deadlines.TryGetValue(name, out current) && current == dueAt)
            {
                deadlines.Remove(name);
                retryAt.Remove(name);
                try
                {
                    fence.ThrowIfPaused();
                    await deadlineTable.DeleteAsync(StreamName, name, dueAt).ConfigureAwait(true);
                }
                catch (Exception ex)
                {
                    // The row stays: at worst the deadline is taken again after a restart, which handlers tolerate.
                    Logger.LogWarning(ex, "Could not remove deadline {Name} of {Grain}", name, StreamName);
                }
            }
        }
        ArmDeadlineTimer();
        try
        {
            await DropWakeUpIfIdle(evenIfUnknown: fromReminder).ConfigureAwait(true);
        }
        catch (Exception ex)
        {
            // A wake-up left behind costs one empty tick a minute, and the next tick tries again to drop it.
            Logger.LogWarning(ex, "Could not drop the wake-up reminder of {Grain}", StreamName);
        }
    }

    /// <summary>Due, and not waiting out the retry interval after its handler threw.</summary>
    private bool IsDue(string name, DateTimeOffset dueAt, DateTimeOffset now) =>
        dueAt <= now && !(retryAt.TryGetValue(name, out var retry) && retry > now);

    private static readonly TimeSpan MaxTimerStep = TimeSpan.FromDays(20);

    private void ArmDeadlineTimer()
    {
        deadlineTimer?.Dispose();
        deadlineTimer = null;
        if (deadlines.Count == 0)
        {
            return;
        }
        var next = deadlines.Select(d => retryAt.TryGetValue(d.Key, out var retry) && retry > d.Value ? retry : d.Value).Min();
        var dueIn = next - Time.GetUtcNow();
        deadlineTimer = this.RegisterGrainTimer(TakeDueDeadlines, new GrainTimerCreationOptions
        {
            // A timer's due time must fit in 2^32 - 2 ms (about 49 days); a deadline further off (a 敏感时期 declared
            // months ahead) is reached in steps, each wake-up finding nothing due and arming the next.
            DueTime = dueIn > MaxTimerStep ? MaxTimerStep : dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            // A pending deadline is a reason to stay active: idle collection would only bring the reminder back.
            KeepAlive = true,
        });
    }

    private async Task EnsureWakeUp()
    {
        if (!wakeRegistered)
        {
            await this.RegisterOrUpdateReminder(DeadlineReminder.Name, DeadlineReminder.Period, DeadlineReminder.Period).ConfigureAwait(true);
            wakeRegistered = true;
        }
    }

    /// <param name="evenIfUnknown">A reminder ticked, so one exists though this activation did not register it
    /// (a deadline cancelled by a grain that crashed before dropping its wake-up).</param>
    private async Task DropWakeUpIfIdle(bool evenIfUnknown = false)
    {
        if (deadlines.Count > 0 || !(wakeRegistered || evenIfUnknown))
        {
            return;
        }
        if (await this.GetReminder(DeadlineReminder.Name).ConfigureAwait(true) is { } reminder)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(true);
        }
        wakeRegistered = false;
    }
}
