using Command.Abstractions.Jurisdictions;
using Orleans;

namespace Command.Abstractions.Escalation;

/// <summary>
/// One step of an incident's escalation up the hierarchy (督办), addressed to a jurisdiction and its leader on duty.
/// It is open until that leader acknowledges it (签收), the case goes higher (已上报至…, <see cref="PassedUpTo"/>) or
/// the incident is closed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EscalationView(
    string Id,
    string IncidentId,
    string IncidentNumber,
    string JurisdictionId,
    string JurisdictionName,
    JurisdictionLevel Level,
    string? LeaderOnDuty,
    string Trigger,
    string Reason,
    DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ClimbedAt,
    int Reminders,
    DateTimeOffset? LastRemindedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? PassedUpAt = null,
    string? PassedUpTo = null,
    string? AcknowledgementComment = null)
{
    /// <summary>Waiting for its leader: not acknowledged, not ended with its case, and still the case's highest step.</summary>
    public bool IsOpen => AcknowledgedAt is null && ResolvedAt is null && PassedUpAt is null;
}
