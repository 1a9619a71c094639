namespace Command.Silo.Incidents;

public sealed record ApprovalRequested(string Gate, string Reason) : IncidentEvent;
