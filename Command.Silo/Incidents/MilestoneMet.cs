namespace Command.Silo.Incidents;

/// <summary>Met by a real event: a team on scene, a leader's check-in, a report.</summary>
public sealed record MilestoneMet(string Name, string By, string Evidence) : IncidentEvent;
