using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Abstractions.Realtime;
using Command.Abstractions.Runtime;
using Command.Silo.Escalation;
using Command.Silo.Hosting;
using Command.Silo.Runtime;
using Command.Silo.Spatial;

namespace Command.Silo.Incidents;

/// <summary>
/// The mass-incident side of an incident: the 黄金处置窗口 with its milestones, escalation up the ladder,
/// and the 三个慎用 gates. Every deadline is a durable reminder, every step a journal event.
/// </summary>
public sealed partial class IncidentGrain
{
    private const string MilestoneReminder = "milestone:";
    private const string MilestoneWarning = "milestone-due:";
    private const string EscalationReminder = "escalation:";

    public async Task<IncidentDetail> DeclareMassIncident(string cause, int? crowdSize, string actor)
    {
        RequireOpen();
        RequireCause(cause);
        await UseRulesInForce();
        if (State.IsMassIncident)
        {
            throw CommandRejectedException.Conflict($"警情{State.Number}已于{Hosting.Wording.Time(State.MassSince)}升级为群体性事件，无需再次升级。");
        }
        if (crowdSize is { } crowd && crowd != State.Crowd)
        {
            RaiseEvent(new CrowdRevised(State.Crowd, crowd), actor);
        }
        await OpenGoldenWindow(cause, "upgrade", actor);
        await ConfirmEvents();
        await ScheduleMajorReports();
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> ReviseCrowd(int crowdSize, string actor)
    {
        RequireOpen();
        int? before = State.Crowd;
        if (crowdSize == before)
        {
            return Detail();
        }
        RequireRoomForUpdate("这次聚集人数更新");
        await UseRulesInForce();
        // Growth is measured from the largest crowd the case has had: after a dip, regrowing past a step already
        // crossed is the same gathering, not a new one.
        int peak = State.HighestCrowd ?? 0;
        RaiseEvent(new CrowdRevised(before, crowdSize), actor);
        var crossed = rules.CrowdEscalationSteps.Where(s => peak < s && crowdSize >= s).Order().ToList();
        string? upgrade = null;
        if (!State.IsMassIncident && crowdSize >= rules.CrowdThreshold)
        {
            await OpenGoldenWindow(State.MassCause ?? "other", "crowdThreshold", actor);
        }
        else if (State.IsMassIncident)
        {
            int upgraded = rules.SeverityForCrowd(crowdSize, State.Severity);
            if (upgraded < State.Severity)
            {
                RaiseEvent(new SeverityChanged(State.Severity, upgraded, $"聚集人数增至{crowdSize}人"), actor);
                upgrade = $"升级为{Severity.Roman(upgraded)}级";
            }
        }
        else
        {
            crossed.Clear(); // below the threshold a crowd is not yet a gathering to escalate
        }
        await ConfirmEvents();
        string growth = $"聚集人数由{before?.ToString() ?? "未知"}人增至{crowdSize}人";
        if (crossed.Count == 0 && upgrade is not null)
        {
            await Escalate(EscalationTriggers.CrowdGrowth, $"{growth}：{upgrade}", Time.GetUtcNow(), actor);
        }
        // A jump across several steps is each of them crossed: one level per step, until the ceiling stops the climb
        // (the first step above it is recorded as capped, and the ones beyond it would only say the same).
        for (int i = 0; i < crossed.Count; i++)
        {
            string reason = $"{growth}：超过{crossed[i]}人{(i == 0 && upgrade is not null ? "，" + upgrade : "")}";
            if (await Escalate(EscalationTriggers.CrowdGrowth, reason, Time.GetUtcNow(), actor) is null)
            {
                break;
            }
        }
        await ScheduleMajorReports();
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> ChangeSeverity(int severity, string reason, string actor)
    {
        RequireOpen();
        if (severity == State.Severity)
        {
            return Detail();
        }
        RequireRoomForUpdate("这次等级变更");
        int before = State.Severity;
        RaiseEvent(new SeverityChanged(before, severity, reason), actor);
        await ConfirmEvents();
        if (severity < before)
        {
            await Escalate(EscalationTriggers.SeverityUpgrade, $"等级由{Severity.Roman(before)}级升为{Severity.Roman(severity)}级：{reason}", Time.GetUtcNow(), actor);
        }
        await ScheduleMajorReports();
        Publish();
        return Detail();
    }

    /// <summary>The leader is the one signed in: <paramref name="actor"/> names them as the timeline does, and
    /// <paramref name="checkIn"/> carries their own jurisdiction's level, which alone decides what the check-in meets.</summary>
    public async Task<IncidentDetail> CheckInLeader(LeaderCheckIn checkIn, string actor)
    {
        RequireOpen();
        RequireRoomForUpdate("这次领导到场签到");
        var scene = State.Call!.Location;
        double distance = Math.Round(GeoMath.DistanceMeters(checkIn.Lon, checkIn.Lat, scene.Lon, scene.Lat), 1);
        if (distance > rules.LeaderCheckInRadiusMeters)
        {
            throw CommandRejectedException.Invalid(
                $"签到位置距警情{State.Number}现场{distance:0}米，到场签到须在现场{rules.LeaderCheckInRadiusMeters:0}米以内；请到达现场后再签到。");
        }
        RaiseEvent(new LeaderCheckedIn(actor, checkIn.Level, checkIn.Lon, checkIn.Lat, distance, checkIn.Username, checkIn.JurisdictionId,
            checkIn.Title, checkIn.Note), actor);
        // A more senior leader on scene also meets a milestone asking for a more junior one; a more junior one meets none.
        var met = Meet(PendingMilestones(MilestoneTrigger.LeaderOnScene).Where(m => m.LeaderLevel is { } required && checkIn.Level <= required),
            actor, $"{actor}{(checkIn.Title is null ? "" : $"（{checkIn.Title}）")}在距现场{distance:0}米处签到", actor);
        await ConfirmEvents();
        await AfterMilestonesMet(met);
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> SubmitReport(string kind, string text, string actor)
    {
        if (!CommandRules.ReportKinds.Contains(kind))
        {
            throw CommandRejectedException.Invalid($"报告类别不对，请从{Hosting.Wording.OneOf(CommandRules.ReportKinds.Select(Hosting.Wording.ReportKind))}中选择。");
        }
        // A major case's written and inquiry reports are owed after 办结 too: the month's inquiry nearly always comes after.
        if (kind is IncidentState.WrittenReportKind or IncidentState.InquiryReportKind && State.MajorSince is not null)
        {
            RequireExists();
        }
        else
        {
            RequireOpen();
        }
        int maxLength = incidentOptions.Value.MaxReportLength;
        if (text.Length > maxLength)
        {
            throw CommandRejectedException.Invalid($"报告内容有{text.Length}个字，一份报告最多保存{maxLength}个字，请删减后重试。");
        }
        int maxReports = incidentOptions.Value.MaxReportsPerIncident;
        if (State.ReportCount >= maxReports)
        {
            throw CommandRejectedException.Conflict(
                $"警情{State.Number}已有{State.ReportCount}份报告，一起警情最多保存{maxReports}份；" +
                "其余材料请写入书面报告，按常规渠道报送。");
        }
        RaiseEvent(new ReportSubmitted(kind, text), actor);
        var met = Meet(PendingMilestones(MilestoneTrigger.Report).Where(m => m.ReportKind == kind), actor, $"报告已提交（{text.Length}字）", actor);
        await ConfirmEvents();
        await CancelDeadline(MajorReportDeadline + kind);
        await AfterMilestonesMet(met);
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> RequestApproval(string gate, string reason, string actor)
    {
        RequireOpen();
        RequireGate(gate);
        if (State.Approvals.TryGetValue(gate, out var existing) && existing.State == ApprovalState.Approved)
        {
            return Detail();
        }
        RequireRoomForUpdate("这次三个慎用审批申请");
        RaiseEvent(new ApprovalRequested(gate, reason), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    /// <summary>The approver on record is <paramref name="actor"/>, the signed-in leader as the timeline names them.</summary>
    public async Task<IncidentDetail> DecideApproval(string gate, bool approved, string reason, string actor)
    {
        RequireOpen();
        RequireGate(gate);
        RequireRoomForUpdate("这次三个慎用审批决定");
        RaiseEvent(new ApprovalDecided(gate, approved, actor, reason), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> RecordMeasure(string gate, string note, string actor)
    {
        RequireOpen();
        if (gate is not (Gates.CoerciveMeasures or Gates.Weapons))
        {
            throw CommandRejectedException.Invalid($"只能记录{Gates.Title(Gates.CoerciveMeasures)}或{Gates.Title(Gates.Weapons)}的措施。");
        }
        RequireApproved(gate, gate == Gates.Weapons ? "记录使用警械或武器" : "记录采取强制措施");
        RequireRoomForUpdate("这次措施记录");
        RaiseEvent(new MeasureRecorded(gate, note), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    public async Task<EscalationView> AcknowledgeEscalation(string escalationId, string? comment, string actor)
    {
        var escalation = FindEscalation(escalationId);
        if (escalation.AcknowledgedAt is not null)
        {
            return escalation;
        }
        if (escalation.ResolvedAt is not null)
        {
            throw CommandRejectedException.Conflict($"警情{State.Number}已办结，它的{Hosting.Wording.Level(escalation.Level)}督办随之结束，无需再签收。");
        }
        if (escalation.PassedUpTo is { } above)
        {
            throw CommandRejectedException.Conflict(
                $"警情{State.Number}的{Hosting.Wording.Level(escalation.Level)}督办已上报至{above}，由{above}领导签收；请刷新后在最高一级的督办上操作。");
        }
        RaiseEvent(new EscalationAcknowledged(escalationId, comment), actor);
        await ConfirmEvents();
        await CancelDeadline(EscalationReminder + escalationId);
        var acknowledged = FindEscalation(escalationId);
        board.Update(acknowledged);
        notifier.EscalationAcknowledged(acknowledged);
        Publish();
        return acknowledged;
    }

    public async Task<EscalationView> EscalateFurther(string escalationId, string reason, string actor)
    {
        RequireOpen();
        var escalation = FindEscalation(escalationId);
        if (escalation.Level != TopEscalatedLevel())
        {
            throw CommandRejectedException.Conflict($"警情{State.Number}已经提级到{Hosting.Wording.Level(TopEscalatedLevel())}，{Hosting.Wording.Level(escalation.Level)}督办不再是最高一级；请刷新后在最高一级的督办上操作。");
        }
        var raised = await Escalate(EscalationTriggers.LeaderDecision, reason, Time.GetUtcNow(), actor, overrideCeiling: true)
            ?? throw CommandRejectedException.Conflict($"警情{State.Number}已提级到最高一级（{escalation.JurisdictionName}），不能再往上提级。");
        Publish();
        return raised;
    }

    /// <summary>Asked at the moments the crowd and milestone rules apply. Another grain, so no re-entry into this one.</summary>
    private async Task UseRulesInForce()
    {
        var period = await GrainFactory.GetGrain<Abstractions.SensitivePeriods.ISensitivePeriodGrain>(Jurisdictions.JurisdictionMap.CityId).InForce();
        rules = period is null ? configured : configured.Sensitive ?? configured;
    }

    /// <summary>Called in the same turn that raised the events which make this a mass incident; confirms nothing itself.</summary>
    private async Task OpenGoldenWindow(string cause, string trigger, string actor)
    {
        var openedAt = Time.GetUtcNow();
        if (State.Crowd is { } crowd && rules.SeverityForCrowd(crowd, State.Severity) is var bySize && bySize < State.Severity)
        {
            RaiseEvent(new SeverityChanged(State.Severity, bySize, $"聚集人数{crowd}人"), actor);
        }
        var milestones = rules.MilestonesFor(State.Severity, cause)
            .Select(m => new GoldenMilestone(m.Name, m.Title, openedAt + m.Due, m.MetBy, m.LeaderLevel, m.ReportKind)
            {
                WarnAt = rules.DueWarning > TimeSpan.Zero ? openedAt + m.Due - rules.DueWarning : null,
            })
            .ToList();
        RaiseEvent(new MassIncidentDeclared(cause, State.Crowd, trigger, milestones), actor);
        // A team already on scene when the window opens has met that milestone for real.
        if (State.Assignments.Where(a => a.OnSceneAt is not null).MinBy(a => a.OnSceneAt) is { } first)
        {
            Meet(PendingMilestones(MilestoneTrigger.TeamOnScene), first.Callsign, $"{first.Callsign}已于{Local(first.OnSceneAt!.Value)}到场", "system");
        }
        await ConfirmEvents();
        foreach (var milestone in State.Milestones.Where(m => m.State == MilestoneState.Pending))
        {
            await ScheduleDeadline(MilestoneReminder + milestone.Name, milestone.DueAt);
            if (rules.DueWarning > TimeSpan.Zero && milestone.DueAt - rules.DueWarning > openedAt)
            {
                await ScheduleDeadline(MilestoneWarning + milestone.Name, milestone.DueAt - rules.DueWarning);
            }
        }
        foreach (var milestone in State.Milestones)
        {
            notifier.MilestoneChanged(new MilestoneEvent(Key, State.Number!, milestone.ToWire(), milestone.State == MilestoneState.Met ? "met" : "opened"));
        }
    }

    /// <summary>Meets the team-on-scene milestones when a team arrives. Raises events; the caller confirms.</summary>
    private List<string> MeetTeamMilestones(string teamId)
    {
        if (State.FarArrivals.Contains(teamId))
        {
            // A far arrival is on the record but is not evidence of a team on scene (see IncidentGrain.Field.cs).
            return [];
        }
        var callsign = State.Assignments.LastOrDefault(a => a.TeamId == teamId)?.Callsign ?? teamId;
        return Meet(PendingMilestones(MilestoneTrigger.TeamOnScene), callsign, $"{callsign}到达现场", "system");
    }

    private List<string> Meet(IEnumerable<GoldenMilestone> milestones, string by, string evidence, string actor)
    {
        var names = new List<string>();
        if (State.Status == IncidentStatus.Closed)
        {
            // The window is over at 办结: what it shows then is what the record keeps.
            return names;
        }
        foreach (var milestone in milestones)
        {
            RaiseEvent(new MilestoneMet(milestone.Name, by, evidence), actor);
            names.Add(milestone.Name);
        }
        return names;
    }

    /// <summary>After milestones were met and confirmed: stop their reminders and tell the consoles.</summary>
    private async Task AfterMilestonesMet(IReadOnlyList<string> names)
    {
        foreach (var milestone in State.Milestones.Where(m => names.Contains(m.Name)))
        {
            await CancelDeadline(MilestoneReminder + milestone.Name);
            await CancelDeadline(MilestoneWarning + milestone.Name);
            notifier.MilestoneChanged(new MilestoneEvent(Key, State.Number!, milestone.ToWire(), "met"));
        }
    }

    private async Task OnGoldenWindowReminder(string reminderName, DeadlineTick status)
    {
        // The window ends at 办结; an escalation raised after it (a major case's overdue report) still waits for its leader.
        if (!State.Exists || (State.Status == IncidentStatus.Closed && !reminderName.StartsWith(EscalationReminder, StringComparison.Ordinal)))
        {
            return;
        }
        if (reminderName.StartsWith(MilestoneWarning, StringComparison.Ordinal))
        {
            var milestone = State.Milestones.FirstOrDefault(m => m.Name == reminderName[MilestoneWarning.Length..]);
            if (milestone is { State: MilestoneState.Pending, WarnedAt: null })
            {
                RaiseEvent(new MilestoneDueSoon(milestone.Name, milestone.DueAt), "system");
                await ConfirmEvents();
                notifier.MilestoneChanged(new MilestoneEvent(Key, State.Number!, milestone.ToWire(), "due"));
            }
        }
        else if (reminderName.StartsWith(MilestoneReminder, StringComparison.Ordinal))
        {
            var milestone = State.Milestones.FirstOrDefault(m => m.Name == reminderName[MilestoneReminder.Length..]);
            if (milestone is { State: MilestoneState.Pending })
            {
                RaiseEvent(new MilestoneBreached(milestone.Name, milestone.DueAt, Math.Round(status.Lateness.TotalSeconds, 3)), "system");
                await ConfirmEvents();
                notifier.MilestoneChanged(new MilestoneEvent(Key, State.Number!, State.Milestones.First(m => m.Name == milestone.Name).ToWire(), "breached"));
                // Raised now, not at the due time: after an outage the leader still gets a whole acknowledgement period.
                await Escalate(EscalationTriggers.MilestoneBreached, $"“{milestone.Title}”已超时（应于{Local(milestone.DueAt)}前完成）", Time.GetUtcNow(), "system");
                Publish();
            }
        }
        else if (reminderName.StartsWith(EscalationReminder, StringComparison.Ordinal))
        {
            await OnAcknowledgementOverdue(reminderName[EscalationReminder.Length..], status);
        }
    }

    /// <summary>Nobody acknowledged in time: remind the leader, and climb one more step while the ceiling allows.</summary>
    private async Task OnAcknowledgementOverdue(string escalationId, DeadlineTick status)
    {
        var escalation = State.Escalations.FirstOrDefault(e => e.Id == escalationId);
        if (escalation is not { IsOpen: true, ClimbedAt: null })
        {
            return;
        }
        RaiseEvent(new EscalationReminded(escalationId, escalation.LeaderOnDuty), "system");
        await ConfirmEvents();
        var raised = await Escalate(EscalationTriggers.Unacknowledged,
            $"{escalation.JurisdictionName}{(escalation.LeaderOnDuty is null ? "" : "带班领导" + escalation.LeaderOnDuty)}未在{rules.AcknowledgeWithin.TotalMinutes:0.##}分钟内签收",
            Time.GetUtcNow(), "system", climbingFrom: escalation);
        if (raised is null)
        {
            // At the top the rules allow: keep reminding the same leader every acknowledgement period. The board is
            // what /api/escalations and the leaders read, so it must count the reminder as the timeline does.
            board.Update(FindEscalation(escalationId));
            var roster = (await GrainFactory.GetGrain<IJurisdictionGrain>(escalation.JurisdictionId).GetState()).Roster;
            sms.Queue(roster.LeaderPhone, roster.LeaderOnDuty, escalation.JurisdictionId, escalationId,
                $"【督办提醒】{escalation.JurisdictionName}{LeaderSalutation(roster.LeaderOnDuty)}：警情{State.Number}的督办已过签收时限，尚未签收（第{escalation.Reminders + 1}次提醒），请立即登录领导督办签收。");
            // Every period from the last due time; after an outage, one period from now rather than a burst of catch-ups.
            var next = status.DueAt + rules.AcknowledgeWithin;
            await ScheduleDeadline(EscalationReminder + escalationId, next >= status.FiredAt ? next : status.FiredAt + rules.AcknowledgeWithin);
        }
        Publish();
    }

    /// <summary>
    /// Raises an escalation one step above the highest reached so far, addressed to that jurisdiction's leader on duty.
    /// Above the ceiling for this kind of case the step is not taken but recorded, unless a leader decided it.
    /// Returns the new escalation, or null when none was raised.
    /// </summary>
    private async Task<EscalationView?> Escalate(string trigger, string reason, DateTimeOffset raisedAt, string actor,
        EscalationView? climbingFrom = null, bool overrideCeiling = false, JurisdictionLevel? ceilingAtLeast = null)
    {
        var from = TopEscalatedLevel();
        var next = rules.Above(from);
        var ceiling = rules.CeilingFor(State.IsMassIncident, State.Severity);
        if (ceilingAtLeast < ceiling)
        {
            ceiling = ceilingAtLeast.Value; // lower enum value = more senior level
        }
        var target = next is null ? null : State.Placement!.Chain.FirstOrDefault(j => j.Level == next);
        if (target is null || (!overrideCeiling && next < ceiling))
        {
            RaiseEvent(new EscalationCapped(trigger, reason, ceiling), actor);
            await ConfirmEvents();
            return null;
        }
        var roster = (await GrainFactory.GetGrain<IJurisdictionGrain>(target.Id).GetState()).Roster;
        var escalation = new EscalationView($"{Key}-e{State.Escalations.Count + 1}", Key, State.Number!, target.Id, target.Name, target.Level,
            roster.LeaderOnDuty, trigger, reason, raisedAt, null, null, null, 0, null, null);
        if (climbingFrom is not null)
        {
            RaiseEvent(new EscalationClimbed(climbingFrom.Id, escalation.Id), actor);
        }
        // One case, one open step: whatever made it climb, the steps below are passed up to the new one.
        var passedUp = State.Escalations.Where(e => e.IsOpen).Select(e => e.Id).ToList();
        foreach (string id in passedUp)
        {
            RaiseEvent(new EscalationPassedUp(id, escalation.Id, target.Name), actor);
        }
        RaiseEvent(new EscalationRaised(escalation), actor);
        await ConfirmEvents();
        await ScheduleDeadline(EscalationReminder + escalation.Id, raisedAt + rules.AcknowledgeWithin);
        foreach (string id in passedUp)
        {
            await CancelDeadline(EscalationReminder + id);
            var below = FindEscalation(id);
            board.Update(below);
            notifier.EscalationAcknowledged(below);
        }
        board.Update(escalation);
        notifier.EscalationRaised(escalation);
        sms.Queue(roster.LeaderPhone, roster.LeaderOnDuty, target.Id, escalation.Id,
            $"【督办】{target.Name}{LeaderSalutation(roster.LeaderOnDuty)}：警情{State.Number}（{Severity.Roman(State.Severity)}级{(State.IsMassIncident ? "群体性事件" : "")}，" +
            $"{State.Placement!.Chain.LastOrDefault(j => j.Level == JurisdictionLevel.Village)?.Name ?? State.Call!.Address}）已上报至{target.Name}：{reason}。" +
            $"请于{Local(raisedAt + rules.AcknowledgeWithin)}前登录领导督办签收。");
        return escalation;
    }

    /// <summary>The level the case has reached: its village until the first escalation.</summary>
    private JurisdictionLevel TopEscalatedLevel() =>
        State.Escalations.Count == 0 ? JurisdictionLevel.Village : State.Escalations.Min(e => e.Level);

    /// <summary>Milestones not yet met. A breached one can still be met, late: the breach stays on the timeline
    /// and its met time after its due time shows by how much.</summary>
    private IEnumerable<GoldenMilestone> PendingMilestones(MilestoneTrigger trigger) =>
        State.Milestones.Where(m => m.State != MilestoneState.Met && m.Trigger == trigger).ToList();

    /// <summary>三个慎用: refuses the action with the exact approval that is missing.</summary>
    private void RequireApproved(string gate, string action)
    {
        if (!State.IsMassIncident)
        {
            return;
        }
        var approval = State.Approvals.GetValueOrDefault(gate);
        if (approval?.State != ApprovalState.Approved)
        {
            string state = approval switch
            {
                null => "尚未申请审批，请先申请审批，由领导批准后再操作",
                { State: ApprovalState.Pending } => $"{Wording.Person(approval.RequestedBy)}已于{Hosting.Wording.Time(approval.RequestedAt)}申请审批，正在等待领导审批",
                _ => $"{Wording.Person(approval.DecidedBy)}已于{Hosting.Wording.Time(approval.DecidedAt)}不予批准（{approval.DecisionReason}）；如确有必要，请重新申请审批",
            };
            // The page offers the step itself: a request while none is pending, nothing to do but wait while one is.
            var next = approval is { State: ApprovalState.Pending } ? NextSteps.AwaitApproval : NextSteps.RequestApproval;
            throw CommandRejectedException.Conflict(
                $"需审批：群体性事件{State.Number}{action}须经领导批准（三个慎用·{Gates.Title(gate)}）；{state}。").WithNextStep(next, gate);
        }
    }

    /// <summary>Refuses a further entry that people add at will once the incident holds as many as one incident keeps,
    /// so that no single timeline grows without bound.</summary>
    private void RequireRoomForUpdate(string what)
    {
        int max = incidentOptions.Value.MaxUpdatesPerIncident;
        if (State.UpdateCount >= max)
        {
            throw CommandRejectedException.Conflict(
                $"警情{State.Number}已有{State.UpdateCount}条人数更新、等级变更、签到、三个慎用和增援记录，一起警情最多保存{max}条；" +
                $"{what}没有记录。");
        }
    }

    private EscalationView FindEscalation(string escalationId) =>
        State.Escalations.FirstOrDefault(e => e.Id == escalationId)
        ?? throw CommandRejectedException.NotFound($"警情{State.Number}没有这条督办，可能已被撤销；请刷新后重试。");

    private static void RequireGate(string gate)
    {
        if (!Gates.All.Contains(gate))
        {
            throw CommandRejectedException.Invalid($"审批事项只能是{Wording.OneOf(Gates.All.Select(Gates.Title))}。");
        }
    }

    private static void RequireCause(string cause)
    {
        if (!CommandRules.Causes.Contains(cause))
        {
            throw CommandRejectedException.Invalid($"聚集原因不对，请从{Wording.OneOf(CommandRules.Causes.Select(Wording.Cause))}中选择。");
        }
    }

    private static string LeaderSalutation(string? leader) => leader is null ? "带班领导" : $"带班领导{leader}";

    private string Local(DateTimeOffset at) => at.ToOffset(incidentOptions.Value.LocalUtcOffset).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
