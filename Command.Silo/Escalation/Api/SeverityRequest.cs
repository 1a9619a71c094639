namespace Command.Silo.Escalation.Api;

public sealed record SeverityRequest(int? Severity, string? Reason);
