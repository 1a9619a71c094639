namespace Command.Silo.Disputes;

public sealed record DisputeCriminalLinked(string IncidentId, string IncidentNumber) : DisputeEvent;
