using Command.Abstractions.Geo;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>What lists and the live feed show of an incident.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentSummary(
    string Id,
    string Number,
    IncidentChannel Channel,
    IncidentType Type,
    int Severity,
    IncidentStatus Status,
    bool IsMassIncident,
    GeoPoint Location,
    string? Address,
    string JurisdictionId,
    string? CountyId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset StatusSince,
    int AssignedTeams,
    long Version,
    Milestone? NextMilestone = null,
    int OpenEscalations = 0,
    DateTimeOffset? BackupRequestedAt = null,
    // When the dispatch deadline passed with nobody sent (派警超时), so lists can mark the call without its detail.
    DateTimeOffset? DispatchOverdueAt = null,
    IncidentTransfer? Transfer = null,
    // 批示 not yet read by a duty officer, so the list can flag the case without its detail.
    int PendingInstructions = 0,
    // The accounts of the 联动单位 called in, so their pages hear of the case and may see it.
    IReadOnlyList<string>? Departments = null,
    // Called-in departments past their 签收 deadline without having signed (未按时签收).
    int DepartmentsOverdue = 0);
