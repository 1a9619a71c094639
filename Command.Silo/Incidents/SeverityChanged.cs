namespace Command.Silo.Incidents;

public sealed record SeverityChanged(int From, int To, string Reason) : IncidentEvent;
