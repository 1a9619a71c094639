namespace Command.Silo.Incidents;

public sealed record ApprovalDecided(string Gate, bool Approved, string Approver, string Reason) : IncidentEvent;
