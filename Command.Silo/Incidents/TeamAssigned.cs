namespace Command.Silo.Incidents;

public sealed record TeamAssigned(string TeamId, string Callsign) : IncidentEvent;
