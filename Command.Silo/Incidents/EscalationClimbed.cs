namespace Command.Silo.Incidents;

public sealed record EscalationClimbed(string EscalationId, string NextEscalationId) : IncidentEvent;
