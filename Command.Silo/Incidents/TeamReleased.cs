namespace Command.Silo.Incidents;

/// <summary>The incident let the team go, because it was closed.</summary>
public sealed record TeamReleased(string TeamId) : IncidentEvent;
