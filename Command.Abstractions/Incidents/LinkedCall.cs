using Command.Abstractions.Geo;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>A repeated call (重复报警) merged into the case it repeats: who else called about it, from where, and when.</summary>
[GenerateSerializer, Immutable]
public sealed record LinkedCall(
    string IncidentId,
    string Number,
    IncidentChannel Channel,
    string? CallerPhone,
    string? Address,
    string? Description,
    GeoPoint Location,
    DateTimeOffset ReceivedAt,
    DateTimeOffset LinkedAt,
    string LinkedBy);
