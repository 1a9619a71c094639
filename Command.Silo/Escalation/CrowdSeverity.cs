namespace Command.Silo.Escalation;

public sealed record CrowdSeverity(int AtLeast, int Severity);
