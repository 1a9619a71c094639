using System.Text.Json;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Escalation;
using Command.Silo.Patrols;
using Command.Silo.Realtime;
using Command.Silo.Runtime;
using Microsoft.Extensions.Options;

namespace Command.Silo.Incidents;

[GrainType("incident")]
// A new incident lives on the silo that took the call, so that silo's lists show it at once (read your own writes);
// the other silos hear of it through the cluster feed.
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class IncidentGrain(
    IncidentCatalog catalog,
    Statistics.CaseFacts facts,
    EscalationBoard board,
    TeamRegistry teams,
    ConsoleNotifier notifier,
    Escalation.Sms.SmsOutbox sms,
    CommandRules configuredRules,
    IOptions<DispatchOptions> dispatch,
    IOptions<IncidentOptions> incidentOptions,
    ILogger<IncidentGrain> logger) : JournaledGrain<IncidentState, IncidentEvent>, IIncidentGrain
{
    public const string StreamPrefix = "incident/";

    /// <summary>The rules this turn runs on: the configured ones, or their 敏感时期 tightening while one is in force
    /// (see <see cref="UseRulesInForce"/>). A golden window keeps the milestones it opened with.</summary>
    private CommandRules rules = configuredRules;

    private readonly CommandRules configured = configuredRules;
    private const string DispatchDeadline = "dispatch-deadline";

    protected override IncidentState InitialState => IncidentState.Empty;

    /// <summary>Incidents change a handful of times in their life; a snapshot on every change lets the catalog
    /// rebuild from snapshots alone at start.</summary>
    protected override int SnapshotEvery => 1;

    /// <summary>After 办结 a major case's reports are still due, and an escalation they raised still waits for its leader.</summary>
    protected override bool MayHaveDeadlines =>
        State.Exists && (State.Status != IncidentStatus.Closed || State.OwesMajorReports || State.Escalations.Any(e => e.IsOpen));

    protected override IncidentState Apply(IncidentState state, IncidentEvent @event, EventMeta meta) => state.Apply(@event, meta);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Exists)
        {
            // After a reload the journal may hold more than the lists showed (an append that failed late): refresh them.
            Publish();
        }
        await CatchUpWithTeams();
    }

    public async Task<IncidentDetail> Open(IncidentCall call, string number, IncidentPlacement placement, string actor)
    {
        if (State.Exists)
        {
            return Detail();
        }
        if (call.Cause is not null)
        {
            RequireCause(call.Cause);
        }
        await UseRulesInForce();
        RaiseEvent(new IncidentReceived(number, call, placement), actor);
        await ConfirmEvents();
        // The dispatch deadline and the jurisdictions' records below are independent writes: they are made at once and
        // share a group commit, instead of queueing one commit after another before the console hears of the call.
        var deadline = ScheduleDeadline(DispatchDeadline, State.ReceivedAt + dispatch.Value.DispatchDeadline(call.Severity));
        if (call.Type == IncidentType.MassIncident || call.CrowdSize >= rules.CrowdThreshold)
        {
            await OpenGoldenWindow(call.Cause ?? "other", call.Type == IncidentType.MassIncident ? "call" : "crowdThreshold", actor);
        }
        // Every level records the incident; the village's count of same-cause incidents is the 矛盾激化 signal.
        string cause = call.Cause ?? JsonNamingPolicy.CamelCase.ConvertName(call.Type.ToString());
        var recorded = Task.WhenAll(placement.Chain.Select(j =>
            GrainFactory.GetGrain<IJurisdictionGrain>(j.Id).IncidentOpened(Key, cause, State.ReceivedAt, rules.RepeatedWithin)));
        await Task.WhenAll(deadline, recorded);
        int[] counts = await recorded;
        int repeated = placement.Chain.Select((j, i) => j.Level == JurisdictionLevel.Village ? counts[i] : 0).DefaultIfEmpty(0).Max();
        if (rules.RepeatedTypes.Contains(call.Type) && repeated >= rules.RepeatedCount)
        {
            await Escalate(EscalationTriggers.RepeatedIncidents,
                $"同一村（社区）{rules.RepeatedWithin.TotalDays:0.##}天内第{repeated}起同类（{cause}）警情，有矛盾激化风险", State.ReceivedAt, "system",
                ceilingAtLeast: rules.RepeatedCeiling);
        }
        await ScheduleMajorReports();
        Publish();
        return Detail();
    }

    public Task<IncidentDetail?> GetDetail() => Task.FromResult(State.Exists ? Detail() : null);

    public async Task<IncidentDetail> Assign(string teamId, string actor)
    {
        RequireOpen();
        if (State.ActiveAssignments.Any(a => a.TeamId == teamId))
        {
            return Detail();
        }
        // A team commissioned on another silo a moment ago may not have reached this silo's registry yet: its grain knows.
        if (teams.Find(teamId) is null && await GrainFactory.GetGrain<IPatrolTeamGrain>(teamId).GetView() is null)
        {
            throw CommandRejectedException.NotFound("找不到要派的这支警力，可能已被撤编；请刷新推荐警力后另选一支。");
        }
        int sent = State.ActiveAssignments.Count();
        if (sent >= rules.MaxTeamsWithoutApproval)
        {
            RequireApproved(Gates.PoliceForce, $"派出第{sent + 1}支警力（超过{rules.MaxTeamsWithoutApproval}支）");
        }
        var team = await GrainFactory.GetGrain<IPatrolTeamGrain>(teamId).Dispatch(Key, State.Number!, actor);
        try
        {
            RaiseEvent(new TeamAssigned(teamId, team.Callsign), actor);
            if (State.Status == IncidentStatus.Received)
            {
                RaiseEvent(new IncidentStatusChanged(IncidentStatus.Received, IncidentStatus.Dispatched, null), actor);
            }
            await ConfirmEvents();
        }
        catch
        {
            // The team was reserved for us; give it back rather than leave it dispatched to nothing.
            await GrainFactory.GetGrain<IPatrolTeamGrain>(teamId).Release(Key, "system");
            throw;
        }
        await CancelDeadline(DispatchDeadline);
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> StartHandling(string? note, string actor)
    {
        RequireOpen();
        if (State.Status != IncidentStatus.Handling)
        {
            RaiseEvent(new IncidentStatusChanged(State.Status, IncidentStatus.Handling, note), actor);
            await ConfirmEvents();
            Publish();
        }
        return Detail();
    }

    public async Task<IncidentDetail> Close(string resolution, string actor)
    {
        RequireOpen();
        var released = State.ActiveAssignments.Select(a => a.TeamId).ToList();
        RaiseEvent(new IncidentStatusChanged(State.Status, IncidentStatus.Closed, resolution), actor);
        foreach (var teamId in released)
        {
            RaiseEvent(new TeamReleased(teamId), actor);
        }
        await ConfirmEvents();
        foreach (var teamId in released)
        {
            await GrainFactory.GetGrain<IPatrolTeamGrain>(teamId).Release(Key, actor);
        }
        foreach (var milestone in State.Milestones)
        {
            await CancelDeadline(MilestoneReminder + milestone.Name);
            await CancelDeadline(MilestoneWarning + milestone.Name);
        }
        foreach (var escalation in State.Escalations.Where(e => e.ResolvedAt == State.ClosedAt))
        {
            await CancelDeadline(EscalationReminder + escalation.Id);
            board.Update(escalation);
            notifier.EscalationAcknowledged(escalation);
        }
        await Task.WhenAll(State.Placement!.Chain.Select(j => GrainFactory.GetGrain<IJurisdictionGrain>(j.Id).IncidentClosed(Key)));
        await CancelDeadline(DispatchDeadline);
        await CancelDeadline(TransferDeadline);
        Publish();
        return Detail();
    }

    public async Task<IncidentDetail> RequestBackup(string teamId, string? note, string actor)
    {
        RequireOpen();
        var assignment = State.ActiveAssignments.FirstOrDefault(a => a.TeamId == teamId)
            ?? throw CommandRejectedException.Conflict($"这支警力没有在处置警情{State.Number}，只有派往该警情的警力才能请求增援。");
        RequireRoomForUpdate("这次请求增援");
        RaiseEvent(new BackupRequested(teamId, assignment.Callsign, note), actor);
        await ConfirmEvents();
        Publish();
        return Detail();
    }

    public async Task<IReadOnlyList<TimelineEntry>> GetTimeline()
    {
        if (!State.Exists)
        {
            throw CommandRejectedException.NotFound("找不到这起警情，可能已被删除或不在您的辖区内；请刷新警情列表后重试。");
        }
        var entries = await ReadJournal();
        return [.. entries.Select(e => new TimelineEntry(e.Seq, e.At, e.Kind, e.Actor, JsonDocument.Parse(e.Data).RootElement.Clone()))];
    }

    public async Task OnTeamStatus(string teamId, TeamStatus status, DateTimeOffset at, string actor)
    {
        if (!State.Exists || State.Status == IncidentStatus.Closed)
        {
            return;
        }
        if (ApplyTeamStatus(teamId, status, actor))
        {
            var met = status == TeamStatus.OnScene ? MeetTeamMilestones(teamId) : [];
            await ConfirmEvents();
            await AfterMilestonesMet(met);
            Publish();
        }
    }

    /// <summary>At the same moment: the dispatch deadline, then milestone warnings and breaches, then acknowledgement
    /// deadlines. A breach that makes the case climb passes the open step up, so an acknowledgement deadline of that
    /// step due at the same moment finds nothing left to climb from: one failure at one level is one step up.</summary>
    protected override int DeadlineRank(string name) =>
        name == DispatchDeadline ? 0
        : name.StartsWith(MilestoneWarning, StringComparison.Ordinal) ? 1
        : name.StartsWith(MilestoneReminder, StringComparison.Ordinal) ? 2
        : name.StartsWith(EscalationReminder, StringComparison.Ordinal) ? 3
        : 4;

    protected override async Task OnDeadline(string reminderName, DeadlineTick status)
    {
        if (reminderName == TransferDeadline)
        {
            await OnTransferDeadline(status);
        }
        else if (reminderName.StartsWith(DepartmentDeadline, StringComparison.Ordinal))
        {
            await OnDepartmentDeadline(reminderName[DepartmentDeadline.Length..], status);
        }
        else if (reminderName.StartsWith(MajorReportDeadline, StringComparison.Ordinal))
        {
            await OnMajorReportDeadline(reminderName[MajorReportDeadline.Length..], status);
        }
        else if (reminderName != DispatchDeadline)
        {
            await OnGoldenWindowReminder(reminderName, status);
        }
        else if (State.Exists && State.Status == IncidentStatus.Received && State.DispatchOverdueAt is null)
        {
            RaiseEvent(new DispatchOverdue(status.DueAt, Math.Round(status.Lateness.TotalSeconds, 3)), "system");
            await ConfirmEvents();
            Publish();
        }
    }

    /// <summary>Raises the events a team's new status means for this incident; false when it means nothing.</summary>
    private bool ApplyTeamStatus(string teamId, TeamStatus status, string actor)
    {
        var assignment = State.ActiveAssignments.FirstOrDefault(a => a.TeamId == teamId);
        if (assignment is null || assignment.Status == status)
        {
            return false;
        }
        RaiseEvent(new TeamStatusReported(teamId, status), actor);
        if (status == TeamStatus.OnScene && State.Status == IncidentStatus.Dispatched)
        {
            RaiseEvent(new IncidentStatusChanged(IncidentStatus.Dispatched, IncidentStatus.OnScene, null), actor);
        }
        return true;
    }

    /// <summary>
    /// Teams tell incidents about their progress one-way, so a crash between the two can drop a report.
    /// On activation the incident compares its assignments with the teams' journaled statuses and records what it missed.
    /// </summary>
    private async Task CatchUpWithTeams()
    {
        if (!State.Exists || State.Status == IncidentStatus.Closed)
        {
            return;
        }
        bool changed = false;
        var met = new List<string>();
        foreach (var assignment in State.ActiveAssignments.ToList())
        {
            if (teams.Find(assignment.TeamId) is not { } team)
            {
                continue;
            }
            var status = team.IncidentId == Key ? team.Status
                : team.Status is TeamStatus.Returning or TeamStatus.Available or TeamStatus.OffDuty ? TeamStatus.Returning
                : assignment.Status;
            if (ApplyTeamStatus(assignment.TeamId, status, "system"))
            {
                changed = true;
                met.AddRange(status == TeamStatus.OnScene ? MeetTeamMilestones(assignment.TeamId) : []);
            }
        }
        if (changed)
        {
            logger.LogInformation("Incident {Incident} caught up with its teams' statuses", Key);
            await ConfirmEvents();
            await AfterMilestonesMet(met);
            Publish();
        }
    }

    private void RequireExists()
    {
        if (!State.Exists)
        {
            throw CommandRejectedException.NotFound("找不到这起警情，可能已被删除或不在您的辖区内；请刷新警情列表后重试。");
        }
    }

    private void RequireOpen()
    {
        RequireExists();
        if (State.Status == IncidentStatus.Closed)
        {
            throw CommandRejectedException.Conflict($"警情{State.Number}已于{Hosting.Wording.Time(State.ClosedAt)}办结，不能再派警、续报或更改。");
        }
    }

    private void Publish()
    {
        var summary = State.ToSummary(Key, Version);
        catalog.Update(summary);
        facts.Update(Key, Version, State);
        catalog.IndexPhone(Key, State.Call!.CallerPhone);
        notifier.IncidentChanged(summary);
    }

    private IncidentDetail Detail() => State.ToDetail(Key, Version);
}
