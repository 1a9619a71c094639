using System.Globalization;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Hosting;

namespace Command.Silo.Incidents;

/// <summary>
/// 联动单位: besides its patrol teams, a case calls in departments (消防, 120, 交警, 信访…), one of them 牵头 and the
/// others 协作. Each must sign for its call (签收) by a durable deadline and then reports back (反馈) until 处置完毕.
/// A missed 签收 is journaled (未按时签收) and shows on the duty console; a missed 牵头 also escalates, since then
/// nobody answers for the joint response: at least to the township's leader, whatever the case's severity, since even
/// a 一般 case needs someone there to chase the department.
/// </summary>
public sealed partial class IncidentGrain
{
    private const string DepartmentDeadline = "department-receipt:";

    public async Task<IncidentDetail> CallDepartment(string username, string departmentName, string kind, DepartmentRole role, string task,
        TimeSpan receiptWithin, string actor)
    {
        RequireOpenForControl("调度联动单位");
        if (State.Departments.FirstOrDefault(d => d.Username == username && !d.IsFinished) is { } open)
        {
            throw CommandRejectedException.Conflict(
                $"{departmentName}已于{Wording.Time(open.CalledAt)}调度到警情{State.Number}，尚未处置完毕；请等其反馈，无需重复调度。");
        }
        if (role == DepartmentRole.Lead && State.Departments.FirstOrDefault(d => d.Role == DepartmentRole.Lead) is { } lead)
        {
            throw CommandRejectedException.Conflict(
                $"警情{State.Number}已由{lead.DepartmentName}牵头，一起警情只能有一个牵头单位；请将{departmentName}作为协作单位调度。");
        }
        RequireRoomForUpdate("这次调度联动单位");
        int number = State.Departments.Count + 1;
        var dueAt = Time.GetUtcNow() + receiptWithin;
        RaiseEvent(new DepartmentCalled(number, username, departmentName, kind, role, task, dueAt), actor);
        await ConfirmEvents();
        await ScheduleDeadline(DepartmentDeadline + number.ToString(CultureInfo.InvariantCulture), dueAt);
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> ReceiveDepartmentCall(int number, string username, string actor)
    {
        var call = OwnDepartmentCall(number, username);
        if (call.IsReceived)
        {
            throw CommandRejectedException.Conflict($"警情{State.Number}的这次调度已于{Wording.Time(call.ReceivedAt!.Value)}签收，无需再签收。");
        }
        // Signing is allowed after 办结 too: the record of who took the call, and when, must be completable.
        RaiseEvent(new DepartmentReceived(number, username, Late: Time.GetUtcNow() > call.DueAt), actor);
        await ConfirmEvents();
        await CancelDeadline(DepartmentDeadline + number.ToString(CultureInfo.InvariantCulture));
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> ReportFromDepartment(int number, string username, string text, bool final, string actor)
    {
        var call = OwnDepartmentCall(number, username);
        if (!call.IsReceived)
        {
            throw CommandRejectedException.Conflict($"请先签收警情{State.Number}的这次调度，再反馈处置情况。");
        }
        if (call.IsFinished)
        {
            throw CommandRejectedException.Conflict(
                $"{call.DepartmentName}已于{Wording.Time(call.FinishedAt!.Value)}反馈处置完毕，这次调度已结束；如有新情况请与值班员联系。");
        }
        RequireRoomForUpdate("这条反馈");
        RaiseEvent(new DepartmentReported(number, username, text, final), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    /// <summary>The call <paramref name="number"/>, when it is the department's own; a call of another department
    /// on the same case is 403 (the department sees the case, not that call's work).</summary>
    private DepartmentCall OwnDepartmentCall(int number, string username)
    {
        RequireExists();
        var call = State.Departments.FirstOrDefault(d => d.Number == number)
            ?? throw CommandRejectedException.NotFound($"警情{State.Number}没有这次联动单位调度，请刷新后重试。");
        return call.Username == username ? call
            : throw CommandRejectedException.Forbidden($"这次调度是给{call.DepartmentName}的，只能由该单位签收和反馈。");
    }

    private async Task OnDepartmentDeadline(string numberText, Runtime.DeadlineTick tick)
    {
        if (!int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            || !State.Exists || State.Status == IncidentStatus.Closed
            || State.Departments.FirstOrDefault(d => d.Number == number) is not { IsReceived: false, OverdueAt: null } call)
        {
            return;
        }
        RaiseEvent(new DepartmentReceiptOverdue(number, call.Username, call.DepartmentName, tick.DueAt, Math.Round(tick.Lateness.TotalSeconds, 3)), "system");
        await ConfirmEvents();
        if (call.Role == DepartmentRole.Lead)
        {
            await Escalate(EscalationTriggers.DepartmentOverdue,
                $"牵头单位{call.DepartmentName}未按时签收（应于{Wording.Time(tick.DueAt)}前签收），联动处置无人牵头", Time.GetUtcNow(), "system",
                ceilingAtLeast: JurisdictionLevel.Township);
        }
        Publish();
    }
}
