using Command.Abstractions.Patrols;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>One team sent to an incident, with the times its leader reported.</summary>
[GenerateSerializer, Immutable]
public sealed record Assignment(
    string TeamId,
    string Callsign,
    TeamStatus Status,
    DateTimeOffset AssignedAt,
    DateTimeOffset StatusSince,
    DateTimeOffset? EnRouteAt,
    DateTimeOffset? OnSceneAt,
    DateTimeOffset? ClearedAt,
    string AssignedBy);
