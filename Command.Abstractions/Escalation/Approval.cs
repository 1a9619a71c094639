using Orleans;
namespace Command.Abstractions.Escalation;

/// <summary>A request to pass a 三个慎用 gate and the leader's decision on it.</summary>
[GenerateSerializer, Immutable]
public sealed record Approval(
    string Gate,
    ApprovalState State,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Reason,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason);
