namespace Command.Silo.Escalation.Api;

public sealed record EscalateRequest(string? Reason);
