using System.Collections.Immutable;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Silo.Runtime;

namespace Command.Silo.Incidents;

public sealed partial record IncidentState(
    string? Number,
    IncidentCall? Call,
    IncidentPlacement? Placement,
    IncidentStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset StatusSince,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? OnSceneAt,
    DateTimeOffset? HandlingAt,
    DateTimeOffset? ClosedAt,
    string? Resolution,
    DateTimeOffset? DispatchOverdueAt,
    ImmutableList<Assignment> Assignments)
{
    public static IncidentState Empty { get; } = new(null, null, null, IncidentStatus.Received, default, default, null, null, null, null, null, null, []);

    /// <summary>The current severity: the call's, until someone or the crowd's growth changes it.</summary>
    public int Severity { get; init; }

    public int? Crowd { get; init; }

    /// <summary>The largest crowd ever recorded on the case: a crowd step is crossed once, so a dip and a regrowth past
    /// it is not growth. Null in snapshots written before it was kept; the current crowd stands in then.</summary>
    public int? PeakCrowd { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public int? HighestCrowd => PeakCrowd ?? Crowd;

    private static int? Higher(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    public bool IsMassIncident { get; init; }

    public string? MassCause { get; init; }

    public DateTimeOffset? MassSince { get; init; }

    public ImmutableList<GoldenMilestone> Milestones { get; init; } = [];

    public ImmutableList<EscalationView> Escalations { get; init; } = [];

    public ImmutableDictionary<string, Approval> Approvals { get; init; } = ImmutableDictionary<string, Approval>.Empty;

    public ImmutableList<string> Measures { get; init; } = [];

    /// <summary>When a team asked for backup that no dispatch has answered yet.</summary>
    public DateTimeOffset? BackupRequestedAt { get; init; }

    /// <summary>Teams whose 到达现场 was confirmed from beyond the arrival radius and not yet verified near the scene.</summary>
    public ImmutableHashSet<string> FarArrivals { get; init; } = [];

    /// <summary>The team whose 请求增援 is unanswered, so that it is not asked twice.</summary>
    public string? BackupTeamId { get; init; }

    /// <summary>Reports submitted, against <see cref="IncidentOptions.MaxReportsPerIncident"/>.</summary>
    public int ReportCount { get; init; }

    /// <summary>Other entries people added (see <see cref="IncidentOptions.MaxUpdatesPerIncident"/>), counted by <see cref="IsUpdate"/>.</summary>
    public int UpdateCount { get; init; }

    /// <summary>The latest 转警, pending or decided (see IncidentState.Transfer.cs).</summary>
    public IncidentTransfer? Transfer { get; init; }

    public bool Exists => Call is not null;

    public IEnumerable<Assignment> ActiveAssignments => Assignments.Where(a => a.ClearedAt is null);

    public IncidentState Apply(IncidentEvent @event, EventMeta meta)
    {
        var next = Change(@event, meta).Track(@event, meta.At);
        return @event is ReportSubmitted ? next with { ReportCount = ReportCount + 1 }
            : IsUpdate(@event) ? next with { UpdateCount = UpdateCount + 1 }
            : next;
    }

    /// <summary>The entries that people add at will, as often as they like, and so are capped per incident.</summary>
    public static bool IsUpdate(IncidentEvent @event) =>
        @event is CrowdRevised or SeverityChanged or LeaderCheckedIn or ApprovalRequested or ApprovalDecided or MeasureRecorded or BackupRequested
        or NoteAdded or TypeChanged or FieldReportSubmitted or InstructionGiven or DepartmentCalled or DepartmentReported;

    private IncidentState Change(IncidentEvent @event, EventMeta meta)
    {
        var at = meta.At;
        return @event switch
        {
            IncidentReceived r => this with
            {
                Number = r.Number, Call = r.Call, Placement = r.Placement, Status = IncidentStatus.Received, ReceivedAt = at, StatusSince = at,
                Severity = r.Call.Severity, Crowd = r.Call.CrowdSize, PeakCrowd = r.Call.CrowdSize,
            },
            MassIncidentDeclared m => this with
            {
                IsMassIncident = true, MassCause = m.Cause, MassSince = at, Milestones = [.. m.Milestones], Crowd = m.CrowdSize ?? Crowd,
                PeakCrowd = Higher(HighestCrowd, m.CrowdSize),
            },
            CrowdRevised c => this with { Crowd = c.To, PeakCrowd = Higher(HighestCrowd, c.To) },
            SeverityChanged s => this with { Severity = s.To },
            MilestoneDueSoon d => UpdateMilestone(d.Name, m => m with { WarnedAt = at }),
            MilestoneMet m => UpdateMilestone(m.Name, x => x with { State = MilestoneState.Met, MetAt = at, MetBy = m.By }),
            MilestoneBreached b => UpdateMilestone(b.Name, x => x with { State = MilestoneState.Breached }),
            EscalationRaised e => this with { Escalations = Escalations.Add(e.Escalation) },
            EscalationReminded r => UpdateEscalation(r.EscalationId, x => x with { Reminders = x.Reminders + 1, LastRemindedAt = at }),
            EscalationClimbed c => UpdateEscalation(c.EscalationId, x => x with { ClimbedAt = at }),
            EscalationPassedUp p => UpdateEscalation(p.EscalationId, x => x with { PassedUpAt = at, PassedUpTo = p.ToJurisdictionName }),
            EscalationAcknowledged a => UpdateEscalation(a.EscalationId, x => x with { AcknowledgedAt = at, AcknowledgedBy = meta.Actor, AcknowledgementComment = a.Comment }),
            ApprovalRequested a => this with
            {
                Approvals = Approvals.SetItem(a.Gate, new Approval(a.Gate, ApprovalState.Pending, meta.Actor, at, a.Reason, null, null, null)),
            },
            ApprovalDecided d => this with
            {
                Approvals = Approvals.SetItem(d.Gate, Approvals.TryGetValue(d.Gate, out var request)
                    ? request with { State = d.Approved ? ApprovalState.Approved : ApprovalState.Refused, DecidedBy = d.Approver, DecidedAt = at, DecisionReason = d.Reason }
                    : new Approval(d.Gate, d.Approved ? ApprovalState.Approved : ApprovalState.Refused, d.Approver, at, d.Reason, d.Approver, at, d.Reason)),
            },
            MeasureRecorded m => this with { Measures = Measures.Add($"{m.Gate}: {m.Note}") },
            TeamAssigned a => this with
            {
                Assignments = Assignments.Add(new Assignment(a.TeamId, a.Callsign, TeamStatus.Dispatched, at, at, null, null, null, meta.Actor)),
                BackupRequestedAt = null,
                BackupTeamId = null,
            },
            BackupRequested b => this with { BackupRequestedAt = at, BackupTeamId = b.TeamId },
            FarArrivalConfirmed f => this with { FarArrivals = FarArrivals.Add(f.TeamId) },
            ArrivalVerified v => this with { FarArrivals = FarArrivals.Remove(v.TeamId) },
            TeamStatusReported s => UpdateAssignment(s.TeamId, x => x with
            {
                Status = s.Status,
                StatusSince = at,
                EnRouteAt = s.Status == TeamStatus.EnRoute ? at : x.EnRouteAt,
                OnSceneAt = s.Status == TeamStatus.OnScene ? at : x.OnSceneAt,
                ClearedAt = s.Status is TeamStatus.Returning or TeamStatus.Available ? at : x.ClearedAt,
            }),
            TeamReleased r => UpdateAssignment(r.TeamId, x => x with { ClearedAt = at, StatusSince = at }),
            IncidentStatusChanged c => this with
            {
                Status = c.To,
                StatusSince = at,
                DispatchedAt = c.To == IncidentStatus.Dispatched ? at : DispatchedAt,
                OnSceneAt = c.To == IncidentStatus.OnScene ? at : OnSceneAt,
                HandlingAt = c.To == IncidentStatus.Handling ? at : HandlingAt,
                ClosedAt = c.To == IncidentStatus.Closed ? at : ClosedAt,
                Resolution = c.To == IncidentStatus.Closed ? c.Note : Resolution,
                Escalations = c.To == IncidentStatus.Closed
                    ? [.. Escalations.Select(e => e.IsOpen ? e with { ResolvedAt = at } : e)]
                    : Escalations,
            },
            DispatchOverdue => this with { DispatchOverdueAt = at },
            TransferRequested or TransferSigned or TransferRefused or TransferOverdue => ApplyTransfer(@event, meta),
            InstructionGiven or InstructionAcknowledged => ApplyInstruction(@event, meta),
            DepartmentCalled or DepartmentReceived or DepartmentReceiptOverdue or DepartmentReported => ApplyDepartment(@event, meta),
            _ => ChangeCaseControl(@event, meta),
        };
    }

    private IncidentState UpdateMilestone(string name, Func<GoldenMilestone, GoldenMilestone> change)
    {
        int index = Milestones.FindIndex(m => m.Name == name);
        return index < 0 ? this : this with { Milestones = Milestones.SetItem(index, change(Milestones[index])) };
    }

    private IncidentState UpdateEscalation(string id, Func<EscalationView, EscalationView> change)
    {
        int index = Escalations.FindIndex(e => e.Id == id);
        return index < 0 ? this : this with { Escalations = Escalations.SetItem(index, change(Escalations[index])) };
    }

    /// <summary>What a countdown ring shows: the next pending milestone, or the last one breached.</summary>
    public GoldenMilestone? NextMilestone =>
        Milestones.Where(m => m.State == MilestoneState.Pending).MinBy(m => m.DueAt)
        ?? Milestones.Where(m => m.State == MilestoneState.Breached).MaxBy(m => m.DueAt);

    private IncidentState UpdateAssignment(string teamId, Func<Assignment, Assignment> change)
    {
        int index = Assignments.FindLastIndex(a => a.TeamId == teamId);
        return index < 0 ? this : this with { Assignments = Assignments.SetItem(index, change(Assignments[index])) };
    }

    public IncidentSummary ToSummary(string id, long version) => new(
        id, Number!, Call!.Channel, CurrentType, Severity, Status, IsMassIncident, Call.Location, Call.Address,
        Placement!.JurisdictionId, Placement.Chain.FirstOrDefault(j => j.Level == Abstractions.Jurisdictions.JurisdictionLevel.County)?.Id,
        ReceivedAt, StatusSince, ActiveAssignments.Count(), version, NextMilestone?.ToWire(), Escalations.Count(e => e.IsOpen), BackupRequestedAt,
        DispatchOverdueAt: Status == IncidentStatus.Received ? DispatchOverdueAt : null, Transfer: Transfer,
        PendingInstructions: PendingInstructions, Departments: DepartmentUsernames, DepartmentsOverdue: DepartmentsOverdue);

    public IncidentDetail ToDetail(string id, long version) => new(
        id, Number!, Call!.Channel, CurrentType, Severity, Status, IsMassIncident, Crowd, Call.Location, Call.Address,
        Call.Description, Call.CallerPhone, Placement!.JurisdictionId, Placement.Chain, Placement.OutsideBoundary,
        ReceivedAt, DispatchedAt, OnSceneAt, HandlingAt, ClosedAt, Resolution, DispatchOverdueAt, Assignments,
        [.. Milestones.Select(m => m.ToWire())], version, MassCause, MassSince, Escalations, [.. Approvals.Values.OrderBy(a => a.RequestedAt)], Measures,
        BackupRequestedAt, Notes, LinkedCalls, DuplicateOfId, DuplicateOfNumber, Call.Type, Transfer,
        Instructions: Instructions, Departments: Departments) { MajorReports = MajorReportStatuses() };
}
