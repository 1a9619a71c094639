namespace Command.Silo.Incidents;

/// <summary>Nobody acknowledged in time: the leader on duty is reminded.</summary>
public sealed record EscalationReminded(string EscalationId, string? Leader) : IncidentEvent;
