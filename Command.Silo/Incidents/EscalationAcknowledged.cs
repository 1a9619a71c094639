namespace Command.Silo.Incidents;

/// <summary>签收: the actor of the event is who acknowledged, with what they wrote, if anything.</summary>
public sealed record EscalationAcknowledged(string EscalationId, string? Comment = null) : IncidentEvent;
