using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Statistics;

/// <summary>One escalation step of a case, as the statistics count it.</summary>
public sealed record EscalationFact(DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt, JurisdictionLevel Level);
