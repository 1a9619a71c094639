using Command.Abstractions.Disputes;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Command.Silo.Realtime;
using Command.Silo.Runtime;

namespace Command.Silo.Disputes;

/// <summary>
/// One dispute of the 矛盾纠纷台账 (逐人、逐案、逐项): registration, mediation steps, 对接 to 人民调解, 信访 or the court with
/// a durable 签收 deadline per handoff, 民转刑 links, and its outcome. A receiver's result closes it: the loop is closed
/// by whoever took it over.
/// </summary>
[GrainType("dispute")]
public sealed class DisputeGrain(DisputeBoard board, JurisdictionMap map, ConsoleNotifier notifier) : JournaledGrain<DisputeState, DisputeEvent>, IDisputeGrain
{
    public const string StreamPrefix = "dispute/";
    private const string ReceiptDeadline = "receipt-";

    protected override DisputeState InitialState => DisputeState.Empty;

    /// <summary>Few events in a life: a snapshot of each lets the board rebuild from snapshots alone.</summary>
    protected override int SnapshotEvery => 1;

    protected override bool MayHaveDeadlines => State.Exists && State.ClosedAt is null &&
        State.Handoffs.Any(h => h.ReceivedAt is null && h.OverdueAt is null);

    protected override DisputeState Apply(DisputeState state, DisputeEvent @event, EventMeta meta) => state.Apply(@event, meta);

    public async Task<DisputeView> Register(DisputeRegistration registration, string actor)
    {
        if (State.Exists)
        {
            return View();
        }
        RaiseEvent(new DisputeRegistered(registration), actor);
        // 重大矛盾纠纷直报: a major dispute goes to the county at once, not up the chain step by step.
        var county = registration.Level == "major"
            ? registration.JurisdictionChain.Select(map.Find).FirstOrDefault(j => j?.Level == JurisdictionLevel.County)
            : null;
        if (county is not null)
        {
            RaiseEvent(new DisputeDirectReported(county.Id, county.Name), actor);
        }
        await ConfirmEvents();
        var view = Publish();
        if (county is not null)
        {
            notifier.MajorDisputeReported(view);
        }
        return view;
    }

    public Task<DisputeView?> Get() => Task.FromResult(State.Exists ? View() : null);

    public async Task<DisputeView> AddStep(string text, string actor)
    {
        RequireOpen("不能再记录调处过程");
        RaiseEvent(new DisputeStepAdded(text), actor);
        await ConfirmEvents();
        return Publish();
    }

    public async Task<DisputeView> HandOff(string body, string receiverUsername, string receiverName, string? note, DateTimeOffset receiptDueAt, string actor)
    {
        RequireOpen("不能再移交对接");
        if (State.Handoffs.FirstOrDefault(h => h.IsPending) is { } pending)
        {
            throw CommandRejectedException.Conflict($"第{pending.Number}次对接（{DisputeTerms.Bodies[pending.Body]}，接收人{pending.ReceiverName}）尚未反馈结果，不能再次移交。");
        }
        int number = State.Handoffs.Count + 1;
        RaiseEvent(new DisputeHandedOff(number, body, receiverUsername, receiverName, note, receiptDueAt), actor);
        await ConfirmEvents();
        await ScheduleDeadline(ReceiptDeadline + number, receiptDueAt);
        return Publish();
    }

    public async Task<DisputeView> Receive(int number, string username, string actor)
    {
        var handoff = RequireHandoff(number, username);
        if (handoff.ReceivedAt is not null)
        {
            return View();
        }
        RequireOpen("不能再签收");
        RaiseEvent(new DisputeHandoffReceived(number), actor);
        await ConfirmEvents();
        await CancelDeadline(ReceiptDeadline + number);
        return Publish();
    }

    public async Task<DisputeView> ReturnResult(int number, bool success, string text, string username, string actor)
    {
        var handoff = RequireHandoff(number, username);
        if (handoff.ResultAt is not null)
        {
            throw CommandRejectedException.Conflict($"第{number}次对接已于{Wording.Time(handoff.ResultAt)}反馈结果，不能再次反馈。");
        }
        RequireOpen("不能再反馈");
        if (handoff.ReceivedAt is null)
        {
            throw CommandRejectedException.Conflict($"请先签收第{number}次对接，再反馈调处结果。");
        }
        RaiseEvent(new DisputeHandoffResult(number, success, text), actor);
        await ConfirmEvents();
        return Publish();
    }

    public async Task<DisputeView> Close(string outcome, string? note, string actor)
    {
        RequireOpen("不能再次结案");
        if (State.Handoffs.FirstOrDefault(h => h.IsPending) is { } pending)
        {
            throw CommandRejectedException.Conflict(
                $"这起纠纷已移交{DisputeTerms.Bodies[pending.Body]}（接收人{pending.ReceiverName}），须由接收人反馈结果后结案。");
        }
        RaiseEvent(new DisputeClosed(outcome, note), actor);
        await ConfirmEvents();
        return Publish();
    }

    public async Task<DisputeView> LinkCriminal(string incidentId, string incidentNumber, string actor)
    {
        RequireExists();
        // A dispute closed as 调解成功 may still turn criminal later: that is exactly what 民转刑 counts.
        if (State.CriminalLinks.Any(l => l.IncidentId == incidentId))
        {
            return View();
        }
        RaiseEvent(new DisputeCriminalLinked(incidentId, incidentNumber), actor);
        await ConfirmEvents();
        return Publish();
    }

    protected override async Task OnDeadline(string name, DeadlineTick tick)
    {
        if (!name.StartsWith(ReceiptDeadline, StringComparison.Ordinal) || !int.TryParse(name[ReceiptDeadline.Length..], out int number) ||
            State.Handoff(number) is not { ReceivedAt: null, OverdueAt: null, ResultAt: null } || State.ClosedAt is not null)
        {
            return;
        }
        RaiseEvent(new DisputeReceiptOverdue(number, tick.DueAt, Math.Round(tick.Lateness.TotalSeconds, 3)), "system");
        await ConfirmEvents();
        Publish();
    }

    private void RequireExists()
    {
        if (!State.Exists)
        {
            throw CommandRejectedException.NotFound(DisputeEndpoints.NotFoundText);
        }
    }

    private void RequireOpen(string what)
    {
        RequireExists();
        if (State.ClosedAt is not null)
        {
            throw CommandRejectedException.Conflict(
                $"这起纠纷已于{Wording.Time(State.ClosedAt)}由{Wording.Person(State.ClosedBy)}结案（{DisputeTerms.Outcomes[State.Outcome!]}），{what}。");
        }
    }

    private DisputeHandoff RequireHandoff(int number, string username)
    {
        RequireExists();
        var handoff = State.Handoff(number) ?? throw CommandRejectedException.NotFound($"这起纠纷没有第{number}次对接，请刷新后重试。");
        return handoff.ReceiverUsername == username ? handoff : throw CommandRejectedException.Forbidden(
            $"第{number}次对接的接收人是{handoff.ReceiverName}，只有接收人可以签收和反馈。");
    }

    private DisputeView View() => State.ToView(Key, Version);

    private DisputeView Publish()
    {
        var view = View();
        board.Update(view);
        return view;
    }
}
