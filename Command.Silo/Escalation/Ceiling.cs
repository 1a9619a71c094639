using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Escalation;

public sealed record Ceiling(bool? MassIncident, IReadOnlySet<int> Severities, JurisdictionLevel Level);
