using Command.Abstractions.Patrols;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>One team sent to an incident, with the times its leader reported. <see cref="ClearedAs"/> says why it left
/// early: "recalled" (撤回) or "diverted" (改派), with <see cref="ClearedReason"/>; null when it finished or the case closed.</summary>
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
    string AssignedBy,
    string? ClearedAs = null,
    string? ClearedReason = null);
