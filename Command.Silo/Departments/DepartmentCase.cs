using Command.Abstractions.Geo;
using Command.Abstractions.Incidents;

namespace Command.Silo.Departments;

/// <summary>
/// What a 联动单位 sees of a case it is called into: the essentials to go and act (what, where, how serious, its
/// state) and its own calls on it. Not the caller's phone, the teams or the rest of the case's command.
/// </summary>
public sealed record DepartmentCase(
    string IncidentId,
    string Number,
    IncidentType Type,
    int Severity,
    IncidentStatus Status,
    bool IsMassIncident,
    GeoPoint Location,
    string? Address,
    string? Description,
    string JurisdictionName,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<DepartmentCall> Calls);
