using Command.Abstractions.Geo;
using Command.Abstractions.Incidents;
using Orleans;

namespace Command.Abstractions.Replay;

/// <summary>The case a replay is of: what the map marks and the page's header names.</summary>
[GenerateSerializer, Immutable]
public sealed record ReplayCase(
    string Id,
    string Number,
    IncidentType Type,
    int Severity,
    bool IsMassIncident,
    IncidentStatus Status,
    GeoPoint Location,
    string? Address,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ClosedAt);
