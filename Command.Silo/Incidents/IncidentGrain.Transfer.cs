using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Runtime;

namespace Command.Silo.Incidents;

/// <summary>
/// 转警 and 签收: a call taken here that belongs to another jurisdiction is handed over, and lies there only once that
/// jurisdiction signs for it, so a case is never nobody's. Until then the sending side keeps responsibility.
/// </summary>
public sealed partial class IncidentGrain
{
    private const string TransferDeadline = "transfer-deadline";

    public async Task<IncidentDetail> RequestTransfer(JurisdictionRef to, IncidentPlacement target, string reason, string actor)
    {
        RequireOpen();
        if (State.Transfer is { IsPending: true } pending)
        {
            throw CommandRejectedException.Conflict(
                $"警情 {State.Number} 已转{pending.ToName}，正等待对方签收；请等对方签收或退回后再操作。");
        }
        if (State.Placement!.Chain.Any(j => j.Id == to.Id))
        {
            throw CommandRejectedException.Conflict($"警情 {State.Number} 已在{to.Name}辖区内，无需转警。");
        }
        if (State.ActiveAssignments.Any())
        {
            throw CommandRejectedException.Conflict(
                $"警情 {State.Number} 已有警力（{string.Join("、", State.ActiveAssignments.Select(a => a.Callsign))}）在处置，不能转警；请先撤回警力，或由本辖区继续处置。");
        }
        var from = State.Placement.Chain.LastOrDefault(j => j.Level == JurisdictionLevel.County) ?? State.Placement.Chain[^1];
        var dueAt = Time.GetUtcNow() + incidentOptions.Value.TransferSignWithin;
        RaiseEvent(new TransferRequested(from.Id, from.Name, to.Id, to.Name, reason, target, dueAt), actor);
        await ConfirmEvents();
        await ScheduleDeadline(TransferDeadline, dueAt);
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> SignTransfer(string? note, string actor)
    {
        RequireOpen();
        var transfer = RequirePendingTransfer();
        if (State.ActiveAssignments.Any())
        {
            // The sender kept responsibility meanwhile and sent a team: the case is being worked where it is.
            throw CommandRejectedException.Conflict(
                $"警情 {State.Number} 转出后原辖区已派警力在处置，不能签收；请与{transfer.FromName}值班员联系，由对方撤回警力或收回转警。");
        }
        var before = State.Placement!;
        RaiseEvent(new TransferSigned(transfer.FromJurisdictionId, transfer.ToJurisdictionId, transfer.ToName, note), actor);
        await ConfirmEvents();
        await CancelDeadline(TransferDeadline);
        // The jurisdictions' active records follow the case: the levels it left forget it, the new ones record it.
        var after = State.Placement!;
        var left = before.Chain.Where(j => after.Chain.All(n => n.Id != j.Id)).ToList();
        var entered = after.Chain.Where(j => before.Chain.All(o => o.Id != j.Id)).ToList();
        string cause = State.MassCause ?? State.Call!.Cause ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(State.Call!.Type.ToString());
        await Task.WhenAll(
            left.Select(j => GrainFactory.GetGrain<IJurisdictionGrain>(j.Id).IncidentClosed(Key))
                .Concat(entered.Select(j => (Task)GrainFactory.GetGrain<IJurisdictionGrain>(j.Id).IncidentOpened(Key, cause, State.ReceivedAt, rules.RepeatedWithin))));
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> RefuseTransfer(string reason, string actor)
    {
        RequireOpen();
        var transfer = RequirePendingTransfer();
        RaiseEvent(new TransferRefused(transfer.ToJurisdictionId, transfer.ToName, reason), actor);
        await ConfirmEvents();
        await CancelDeadline(TransferDeadline);
        Publish();
        return Detail();
    }

    private async Task OnTransferDeadline(DeadlineTick status)
    {
        if (State.Exists && State.Status != IncidentStatus.Closed && State.Transfer is { IsPending: true, OverdueAt: null } transfer)
        {
            RaiseEvent(new TransferOverdue(transfer.ToJurisdictionId, status.DueAt, Math.Round(status.Lateness.TotalSeconds, 3)), "system");
            await ConfirmEvents();
            Publish();
        }
    }

    private IncidentTransfer RequirePendingTransfer() =>
        State.Transfer is { IsPending: true } transfer ? transfer
            : throw CommandRejectedException.Conflict($"警情 {State.Number} 没有待签收的转警，无需签收或退回。");
}
