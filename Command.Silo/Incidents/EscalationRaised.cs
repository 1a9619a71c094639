using Command.Abstractions.Escalation;

namespace Command.Silo.Incidents;

public sealed record EscalationRaised(EscalationView Escalation) : IncidentEvent;
