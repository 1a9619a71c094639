using Command.Abstractions.FollowUps;
using Command.Abstractions.Runtime;
using Command.Silo.Hosting;
using Command.Silo.Runtime;

namespace Command.Silo.FollowUps;

/// <summary>
/// 跟踪督办: one item, from the task set on a case to its 销号. The deadline is durable: an owner who has not reported
/// back by then is marked overdue, and that stays on the record even after a late report back.
/// </summary>
[GrainType("followup")]
public sealed class FollowUpGrain(FollowUpBoard board) : JournaledGrain<FollowUpState, FollowUpEvent>, IFollowUpGrain
{
    public const string StreamPrefix = "followup/";
    private const string DueDeadline = "due";

    protected override FollowUpState InitialState => FollowUpState.Empty;

    /// <summary>A handful of events in its life: a snapshot of each lets the board rebuild from snapshots alone.</summary>
    protected override int SnapshotEvery => 1;

    protected override bool MayHaveDeadlines => State.Exists && State.ClosedAt is null && State.OverdueAt is null;

    protected override FollowUpState Apply(FollowUpState state, FollowUpEvent @event, EventMeta meta) => state.Apply(@event, meta);

    public async Task<FollowUpView> Open(FollowUpOpening opening, string actor)
    {
        if (State.Exists)
        {
            return View();
        }
        RaiseEvent(new FollowUpOpened(opening), actor);
        await ConfirmEvents();
        await ScheduleDeadline(DueDeadline, opening.DueAt);
        return Publish();
    }

    public Task<FollowUpView?> Get() => Task.FromResult(State.Exists ? View() : null);

    public async Task<FollowUpView> Reply(string text, string username, string actor)
    {
        RequireExists();
        if (State.ClosedAt is not null)
        {
            throw CommandRejectedException.Conflict($"这项督办已于{Wording.Time(State.ClosedAt)}由{Wording.Person(State.ClosedBy)}销号，不能再反馈。");
        }
        if (username != State.Opening!.OwnerUsername)
        {
            throw CommandRejectedException.Forbidden($"这项督办的责任人是{State.Opening.OwnerName}，只有责任人可以反馈。");
        }
        RaiseEvent(new FollowUpReplied(text), actor);
        await ConfirmEvents();
        return Publish();
    }

    public async Task<FollowUpView> Close(string? note, string username, string actor)
    {
        RequireExists();
        if (State.ClosedAt is not null)
        {
            return View();
        }
        if (username != State.Opening!.OpenerUsername)
        {
            throw CommandRejectedException.Forbidden($"这项督办由{Wording.Person(State.OpenedBy)}交办，只有交办人可以销号。");
        }
        if (State.Replies.Count == 0)
        {
            throw CommandRejectedException.Conflict($"责任人{State.Opening.OwnerName}尚未反馈办理情况，销号前须有反馈（件件有回音）。");
        }
        RaiseEvent(new FollowUpClosed(note), actor);
        await ConfirmEvents();
        await CancelDeadline(DueDeadline);
        return Publish();
    }

    protected override async Task OnDeadline(string name, DeadlineTick tick)
    {
        // A report back before the deadline is in time; the item still waits for 销号 but is not overdue.
        if (name != DueDeadline || !State.Exists || State.ClosedAt is not null || State.OverdueAt is not null || State.Replies.Count > 0)
        {
            return;
        }
        RaiseEvent(new FollowUpOverdue(tick.DueAt, Math.Round(tick.Lateness.TotalSeconds, 3)), "system");
        await ConfirmEvents();
        Publish();
    }

    private void RequireExists()
    {
        if (!State.Exists)
        {
            throw CommandRejectedException.NotFound("找不到这项督办事项，可能不在您的辖区内；请刷新后重试。");
        }
    }

    private FollowUpView View() => State.ToView(Key, Version);

    private FollowUpView Publish()
    {
        var view = View();
        board.Update(view);
        return view;
    }
}
