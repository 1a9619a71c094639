using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;

namespace Command.Silo.Incidents;

/// <summary>
/// The duty officer's control of a case after intake: 续报 notes, a change of type, a repeated call (重复报警) merged into
/// the case it repeats, teams recalled (撤回) or diverted (改派), statuses a team reported by radio, and closing a case
/// no team reached. Every refusal here is written for the duty officer, in Chinese, and names the case by its number.
/// </summary>
public sealed partial class IncidentGrain
{
    public async Task<IncidentDetail> AddNote(string text, string actor)
    {
        RequireOpenForControl("续报");
        RequireRoomForUpdate("a note");
        RaiseEvent(new NoteAdded(text), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> ChangeType(IncidentType type, string reason, string? cause, string actor)
    {
        RequireOpenForControl("更改警情类型");
        if (type == State.CurrentType)
        {
            return Detail();
        }
        if (State.IsMassIncident)
        {
            throw CommandRejectedException.Conflict(
                $"警情{State.Number}已升级为群体性事件，黄金处置窗口已开启，不能再改为其他类型。如确属误报，请在处置后按实际情况办结。");
        }
        RequireRoomForUpdate("a type change");
        RaiseEvent(new TypeChanged(State.CurrentType, type, reason), actor);
        if (type == IncidentType.MassIncident)
        {
            // The one way a case becomes a mass incident: the golden window opens with its milestones and escalation.
            return await DeclareMassIncident(cause ?? "other", null, actor);
        }
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> LinkAsDuplicateOf(string targetId, string actor)
    {
        RequireExists();
        if (State.Status == IncidentStatus.Closed)
        {
            throw CommandRejectedException.Conflict(State.DuplicateOfNumber is { } into
                ? $"警情{State.Number}已作为重复报警并入{into}，无需再次合并。"
                : $"警情{State.Number}已办结，不能再标为重复报警。");
        }
        if (targetId == Key)
        {
            throw CommandRejectedException.Invalid($"不能把警情{State.Number}并入它自己。请选择它所重复的那起警情。");
        }
        if (State.ActiveAssignments.ToList() is { Count: > 0 } working)
        {
            throw CommandRejectedException.Conflict(
                $"警情{State.Number}已有警力在处置（{string.Join("、", working.Select(a => a.Callsign))}），不能作为重复报警并入。" +
                "请先撤回这些警力，或改派到它所重复的警情后再合并。");
        }
        var call = State.Call!;
        var linked = new LinkedCall(Key, State.Number!, call.Channel, call.CallerPhone, call.Address, call.Description, call.Location,
            State.ReceivedAt, Time.GetUtcNow(), actor);
        var target = await GrainFactory.GetGrain<IIncidentGrain>(targetId).AcceptDuplicate(linked, actor);
        RaiseEvent(new MarkedDuplicate(target.Id, target.Number), actor);
        return await Close($"重复报警，已并入{target.Number}", actor);
    }

    public async Task<IncidentDetail> AcceptDuplicate(LinkedCall call, string actor)
    {
        if (!State.Exists)
        {
            throw CommandRejectedException.NotFound("要并入的警情不存在，请核对警情编号后重试。");
        }
        if (State.LinkedCalls.Any(c => c.IncidentId == call.IncidentId))
        {
            return Detail();
        }
        if (State.Status == IncidentStatus.Closed)
        {
            throw CommandRejectedException.Conflict(State.DuplicateOfNumber is { } into
                ? $"警情{State.Number}本身是重复报警，已并入{into}。请把{call.Number}并入{into}。"
                : $"警情{State.Number}已办结，不能把{call.Number}并入已办结的警情。如现场仍需处置，请按新警情派警。");
        }
        RaiseEvent(new DuplicateLinked(call), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> RecallTeam(string teamId, string reason, string actor)
    {
        RequireOpenForControl("撤回警力");
        var assignment = ActiveAssignment(teamId, "撤回");
        // The team is freed first: if recording the recall then fails, the incident finds the team gone when it next
        // wakes and records it as returned, whereas a recall recorded before a failed release would strand the team.
        await GrainFactory.GetGrain<IPatrolTeamGrain>(teamId).Release(Key, actor);
        RaiseEvent(new TeamRecalled(teamId, assignment.Callsign, reason), actor);
        var restart = WaitForDispatchAgainIfNobodyLeft("已撤回全部警力，重新等待派警", actor);
        await ConfirmEvents();
        if (restart is { } due)
        {
            await ScheduleDeadline(DispatchDeadline, due);
        }
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> DivertTeam(string teamId, string toIncidentId, string reason, string actor)
    {
        RequireOpenForControl("改派警力");
        if (toIncidentId == Key)
        {
            throw CommandRejectedException.Invalid($"改派的目标就是警情{State.Number}本身。请选择另一起未办结的警情。");
        }
        var assignment = ActiveAssignment(teamId, "改派");
        // The target takes the team over from us in one step on the team (it never passes through 待命, where another
        // console could take it); only when the target has recorded it does this case let it go.
        var target = await GrainFactory.GetGrain<IIncidentGrain>(toIncidentId).TakeDivertedTeam(teamId, Key, State.Number!, reason, actor);
        RaiseEvent(new TeamDiverted(teamId, assignment.Callsign, target.Id, target.Number, reason), actor);
        var restart = WaitForDispatchAgainIfNobodyLeft($"警力已全部改派（{assignment.Callsign}改派至{target.Number}），重新等待派警", actor);
        await ConfirmEvents();
        if (restart is { } due)
        {
            await ScheduleDeadline(DispatchDeadline, due);
        }
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> TakeDivertedTeam(string teamId, string fromIncidentId, string fromNumber, string reason, string actor)
    {
        if (!State.Exists)
        {
            throw CommandRejectedException.NotFound("改派的目标警情不存在，请刷新后重新选择。");
        }
        if (State.Status == IncidentStatus.Closed)
        {
            throw CommandRejectedException.Conflict($"警情{State.Number}已办结，不能把警力改派过去。请选择一起未办结的警情。");
        }
        if (State.ActiveAssignments.FirstOrDefault(a => a.TeamId == teamId) is { } already)
        {
            throw CommandRejectedException.Conflict($"{already.Callsign}已在处置警情{State.Number}，无需改派。");
        }
        int sent = State.ActiveAssignments.Count();
        if (sent >= rules.MaxTeamsWithoutApproval)
        {
            RequireApproved(Gates.PoliceForce, $"assigning team {sent + 1} (more than {rules.MaxTeamsWithoutApproval})");
        }
        var team = GrainFactory.GetGrain<IPatrolTeamGrain>(teamId);
        var view = await team.Divert(fromIncidentId, Key, fromNumber, State.Number!, actor);
        try
        {
            RaiseEvent(new TeamAssigned(teamId, view.Callsign), actor);
            RaiseEvent(new TeamDivertedIn(teamId, view.Callsign, fromIncidentId, fromNumber, reason), actor);
            if (State.Status == IncidentStatus.Received)
            {
                RaiseEvent(new IncidentStatusChanged(IncidentStatus.Received, IncidentStatus.Dispatched, null), actor);
            }
            await ConfirmEvents();
        }
        catch
        {
            // Give the team back to the case it came from rather than leave it sent to a case that does not know it.
            await team.Divert(Key, fromIncidentId, State.Number!, fromNumber, "system");
            throw;
        }
        await CancelDeadline(DispatchDeadline);
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> EnterRadioStatus(string teamId, TeamStatus status, string actor)
    {
        RequireOpenForControl("录入电台报告");
        var assignment = ActiveAssignment(teamId, "录入电台报告");
        if (status is not (TeamStatus.EnRoute or TeamStatus.OnScene or TeamStatus.Returning))
        {
            throw CommandRejectedException.Invalid("电台报告只能录入出发、到场或返回。");
        }
        if (assignment.Status == status)
        {
            return Detail();
        }
        if (Patrols.TeamTransitions.Refusal(assignment.Status, status) is not null)
        {
            throw CommandRejectedException.Conflict(
                $"{assignment.Callsign}当前为“{RadioName(assignment.Status)}”，不能报“{RadioName(status)}”。" +
                "出发须在派警后、到场须在派警或出发后、返回须在到场后，请核对电台报告。");
        }
        // Through the team, as its own report would go: its status machine decides, and its journal records the officer.
        var team = await GrainFactory.GetGrain<IPatrolTeamGrain>(teamId).ReportStatus(status, actor);
        RaiseEvent(new RadioStatusEntered(teamId, assignment.Callsign, status), actor);
        // Recorded here at once, so that the report's one-way echo from the team finds nothing left to record.
        ApplyTeamStatus(teamId, team.Status, actor);
        var met = status == TeamStatus.OnScene ? MeetTeamMilestones(teamId) : [];
        await ConfirmEvents();
        await AfterMilestonesMet(met);
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> Conclude(string resolution, bool confirmNoArrival, string? noArrivalReason, string actor)
    {
        RequireOpenForControl("办结");
        int sent = State.Assignments.Count;
        // A case marked 处置 was being handled by someone, even if no arrival was reported first: it was reached.
        if (sent > 0 && State.OnSceneAt is null && State.HandlingAt is null && State.Assignments.All(a => a.OnSceneAt is null))
        {
            if (!confirmNoArrival || string.IsNullOrWhiteSpace(noArrivalReason))
            {
                throw CommandRejectedException.Conflict(
                    $"警情{State.Number}派出的警力（{string.Join("、", State.Assignments.Select(a => a.Callsign).Distinct())}）都还没有到达现场。" +
                    "如确需办结，请确认无警力到场并填写未到场的原因（如报警人已自行离开、警情不实），再办结。");
            }
            RaiseEvent(new NoArrivalConfirmed(noArrivalReason.Trim(), sent), actor);
        }
        return await Close(resolution, actor);
    }

    /// <summary>When the last team leaves a case nobody reached, it waits again: a duty officer expects it back in
    /// the queue of calls to dispatch (接警), with a fresh dispatch deadline from now, and marked overdue again if it
    /// waits past it. A case a team reached keeps its status: someone saw the scene.</summary>
    private DateTimeOffset? WaitForDispatchAgainIfNobodyLeft(string note, string actor)
    {
        if (State.ActiveAssignments.Any() || State.Status != IncidentStatus.Dispatched || State.Assignments.Any(a => a.OnSceneAt is not null))
        {
            return null;
        }
        var due = Time.GetUtcNow() + dispatch.Value.DispatchDeadline(State.Severity);
        RaiseEvent(new IncidentStatusChanged(IncidentStatus.Dispatched, IncidentStatus.Received, note), actor);
        RaiseEvent(new DispatchRestarted(due), actor);
        return due;
    }

    private Assignment ActiveAssignment(string teamId, string what)
    {
        if (State.ActiveAssignments.FirstOrDefault(a => a.TeamId == teamId) is { } assignment)
        {
            return assignment;
        }
        if (State.Assignments.LastOrDefault(a => a.TeamId == teamId) is { } earlier)
        {
            throw CommandRejectedException.Conflict($"{earlier.Callsign}已不在处置警情{State.Number}（{ClearedText(earlier)}），无法{what}。请刷新页面查看最新情况。");
        }
        throw CommandRejectedException.NotFound($"警情{State.Number}没有派出这支巡防队，无法{what}。请刷新页面后在“已派警力”中选择。");
    }

    private static string RadioName(TeamStatus status) => status switch
    {
        TeamStatus.Dispatched => "已派警",
        TeamStatus.EnRoute => "出发",
        TeamStatus.OnScene => "到场",
        TeamStatus.Returning => "返回",
        TeamStatus.Available => "待命",
        _ => "下勤",
    };

    private static string ClearedText(Assignment a) => a.ClearedAs switch
    {
        "recalled" => "已撤回",
        "diverted" => "已改派",
        _ => a.Status == TeamStatus.Returning ? "已返回" : "已解除",
    };

    private void RequireOpenForControl(string what)
    {
        if (!State.Exists)
        {
            throw CommandRejectedException.NotFound("这起警情不存在，请刷新页面。");
        }
        if (State.Status == IncidentStatus.Closed)
        {
            throw CommandRejectedException.Conflict(State.DuplicateOfNumber is { } into
                ? $"警情{State.Number}是重复报警，已并入{into}，不能再{what}。请在{into}上操作。"
                : $"警情{State.Number}已办结，不能再{what}。");
        }
    }
}
