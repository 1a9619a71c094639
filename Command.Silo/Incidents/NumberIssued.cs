namespace Command.Silo.Incidents;

public sealed record NumberIssued(int Number, string IncidentId) : RegisterEvent;
