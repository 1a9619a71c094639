namespace Command.Silo.Escalation.Api;

public sealed record ApprovalRequest(string? Gate, string? Reason);
