using Command.Abstractions.Geo;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>A validated call, as the call-taker entered it, ready to become an incident.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentCall(
    IncidentChannel Channel,
    IncidentType Type,
    int Severity,
    GeoPoint Location,
    string? Address,
    string? Description,
    string? CallerPhone,
    int? CrowdSize,
    string? Cause = null);
