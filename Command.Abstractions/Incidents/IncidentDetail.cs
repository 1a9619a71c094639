using Command.Abstractions.Escalation;
using Command.Abstractions.Geo;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>Everything about one incident that a duty officer needs on screen.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentDetail(
    string Id,
    string Number,
    IncidentChannel Channel,
    IncidentType Type,
    int Severity,
    IncidentStatus Status,
    bool IsMassIncident,
    int? CrowdSize,
    GeoPoint Location,
    string? Address,
    string? Description,
    string? CallerPhone,
    string JurisdictionId,
    IReadOnlyList<JurisdictionRef> JurisdictionChain,
    bool OutsideBoundary,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? OnSceneAt,
    DateTimeOffset? HandlingAt,
    DateTimeOffset? ClosedAt,
    string? Resolution,
    DateTimeOffset? DispatchOverdueAt,
    IReadOnlyList<Assignment> Assignments,
    IReadOnlyList<Milestone> Milestones,
    long Version,
    string? MassCause = null,
    DateTimeOffset? MassSince = null,
    IReadOnlyList<EscalationView>? Escalations = null,
    IReadOnlyList<Approval>? Approvals = null,
    IReadOnlyList<string>? Measures = null,
    DateTimeOffset? BackupRequestedAt = null,
    IReadOnlyList<CaseNote>? Notes = null,
    IReadOnlyList<LinkedCall>? LinkedCalls = null,
    string? DuplicateOfId = null,
    string? DuplicateOfNumber = null,
    IncidentType? OriginalType = null,
    IncidentTransfer? Transfer = null,
    // Leaders' 批示 and whether each has been read (已阅).
    IReadOnlyList<CaseInstruction>? Instructions = null,
    // 联动单位 called into the case, with their 签收 and 反馈.
    IReadOnlyList<DepartmentCall>? Departments = null)
{
    /// <summary>The 重大案件报告 a case that has been severity I or II owes, with their deadlines; empty for others.</summary>
    [Id(100)]
    public IReadOnlyList<MajorReportStatus> MajorReports { get; init; } = [];
}
