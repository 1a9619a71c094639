using Command.Abstractions.Patrols;

namespace Command.Abstractions.Incidents;

/// <summary>One team sent to an incident, with the times its leader reported.</summary>
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
