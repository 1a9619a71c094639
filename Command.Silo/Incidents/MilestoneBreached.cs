namespace Command.Silo.Incidents;

/// <summary>LateSeconds is how late the breach was noticed, as after a restart.</summary>
public sealed record MilestoneBreached(string Name, DateTimeOffset DueAt, double LateSeconds) : IncidentEvent;
