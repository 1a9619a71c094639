using Command.Abstractions.Runtime;
using Command.Abstractions.Sweeps;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Command.Silo.Realtime;
using Command.Silo.Runtime;

namespace Command.Silo.Sweeps;

/// <summary>
/// 排查与零报告 of one township or village: a report per period, 逾期未报 for a period that ended without one (it stays
/// on the record after a late report, which is 迟报), escalated to the parent level, whose desks hear it on the hub.
/// No deadline of its own: <see cref="SweepClockGrain"/> calls <see cref="CatchUp"/> at each end of a period, and a
/// report catches up first, so the outcome never depends on which came first.
/// </summary>
[GrainType("sweep")]
public sealed class SweepGrain(SweepSchedule schedule, SweepBoard board, JurisdictionMap map, ConsoleNotifier notifier)
    : JournaledGrain<SweepState, SweepEvent>, ISweepGrain
{
    public const string StreamPrefix = "sweep/";

    protected override SweepState InitialState => SweepState.Empty;

    /// <summary>A few events a month: a snapshot of each lets the board rebuild from snapshots alone.</summary>
    protected override int SnapshotEvery => 1;

    protected override SweepState Apply(SweepState state, SweepEvent @event, EventMeta meta) => state.Apply(@event, meta);

    public async Task<SweepHistory> Submit(SweepSubmission submission, string actor)
    {
        var jurisdiction = Jurisdiction();
        var now = Time.GetUtcNow();
        var current = schedule.PeriodAt(jurisdiction, now);
        bool changed = Start(current.Start) | MarkMissed(jurisdiction, now);
        if (changed)
        {
            await ConfirmEvents();
            Publish(jurisdiction);
        }
        var previous = schedule.Previous(jurisdiction, current);
        var target = State.Find(previous.Start) is { OverdueAt: not null, Report: null } ? previous : current;
        bool late = target != current;
        if (!late && State.Find(current.Start)?.Report is { } done)
        {
            throw CommandRejectedException.Conflict(
                $"{jurisdiction.Name}本期（{Wording.Time(current.Start)}至{Wording.Time(current.DueAt)}）已于{Wording.Time(done.At)}由{Wording.Person(done.By)}报送" +
                $"{(done.Nil ? "零报告" : "排查情况")}，不能重复报送；下期自{Wording.Time(current.DueAt)}起报送。");
        }
        RaiseEvent(new SweepReported(target.Start, target.DueAt, submission.Nil, submission.Found, submission.Text, submission.DisputeIds, late), actor);
        await ConfirmEvents();
        return Publish(jurisdiction);
    }

    public Task<SweepHistory> Get() => Task.FromResult(History(Jurisdiction()));

    public async Task CatchUp(DateTimeOffset since)
    {
        var jurisdiction = Jurisdiction();
        bool changed = Start(schedule.PeriodAt(jurisdiction, since).Start) | MarkMissed(jurisdiction, Time.GetUtcNow());
        if (changed)
        {
            await ConfirmEvents();
            Publish(jurisdiction);
        }
    }

    private bool Start(DateTimeOffset since)
    {
        if (State.Since is not null)
        {
            return false;
        }
        RaiseEvent(new SweepStarted(since), "system");
        return true;
    }

    /// <summary>Every period since the start that has ended with neither a report nor a mark gets both the mark and the escalation.</summary>
    private bool MarkMissed(JurisdictionInfo jurisdiction, DateTimeOffset now)
    {
        var current = schedule.PeriodAt(jurisdiction, now);
        var period = schedule.PeriodAt(jurisdiction, State.Since!.Value);
        var earliest = current.Start.AddDays(-(double)SweepSchedule.MaxCatchUpPeriods * current.Days);
        if (period.Start < earliest)
        {
            period = schedule.PeriodAt(jurisdiction, earliest);
        }
        var parent = jurisdiction.ParentId is { } parentId ? map.Find(parentId) : null;
        bool changed = false;
        for (; period.DueAt <= now; period = schedule.PeriodAt(jurisdiction, period.DueAt))
        {
            if (State.Find(period.Start) is { Report: not null } or { OverdueAt: not null })
            {
                continue;
            }
            RaiseEvent(new SweepOverdue(period.Start, period.DueAt, Math.Round((now - period.DueAt).TotalSeconds, 3)), "system");
            if (parent is not null)
            {
                RaiseEvent(new SweepEscalated(period.Start, parent.Id, parent.Name), "system");
            }
            changed = true;
        }
        return changed;
    }

    private JurisdictionInfo Jurisdiction()
    {
        var jurisdiction = map.Find(Key) ?? throw CommandRejectedException.NotFound(SweepEndpoints.NotFoundText);
        return SweepSchedule.Reports(jurisdiction) ? jurisdiction : throw CommandRejectedException.Invalid(SweepEndpoints.NoScheduleText(jurisdiction));
    }

    private SweepHistory History(JurisdictionInfo jurisdiction)
    {
        var ledger = State.ToLedger(Key, Version);
        return new SweepHistory(schedule.Status(jurisdiction, ledger, Time.GetUtcNow()), [.. State.Periods.Reverse()]);
    }

    private SweepHistory Publish(JurisdictionInfo jurisdiction)
    {
        board.Update(State.ToLedger(Key, Version));
        var history = History(jurisdiction);
        notifier.SweepChanged(history.Status);
        return history;
    }
}
