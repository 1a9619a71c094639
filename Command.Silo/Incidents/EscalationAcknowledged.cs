namespace Command.Silo.Incidents;

/// <summary>签收: the actor of the event is who acknowledged.</summary>
public sealed record EscalationAcknowledged(string EscalationId) : IncidentEvent;
