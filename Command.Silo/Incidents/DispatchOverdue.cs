namespace Command.Silo.Incidents;

/// <summary>派警超时: no team was sent within the deadline for the incident's severity.</summary>
public sealed record DispatchOverdue(DateTimeOffset DueAt, double LateSeconds) : IncidentEvent;
