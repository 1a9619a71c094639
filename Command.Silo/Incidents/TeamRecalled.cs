namespace Command.Silo.Incidents;

/// <summary>撤回: a team sent in error is called back and freed.</summary>
public sealed record TeamRecalled(string TeamId, string Callsign, string Reason) : IncidentEvent;
