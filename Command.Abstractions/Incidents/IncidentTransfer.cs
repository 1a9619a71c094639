using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>The incident's latest 转警: to another jurisdiction, which must 签收 it. While <see cref="State"/> is
/// pending the source keeps responsibility; once signed the incident lies in the target; refused (退回), it stays.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentTransfer(
    string FromJurisdictionId,
    string FromName,
    string ToJurisdictionId,
    string ToName,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    TransferState State,
    DateTimeOffset? OverdueAt = null,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? DecisionNote = null)
{
    public bool IsPending => State == TransferState.Pending;
}

public enum TransferState
{
    Pending,
    Signed,
    Refused,
}
