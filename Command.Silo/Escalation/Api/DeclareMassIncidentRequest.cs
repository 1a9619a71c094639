namespace Command.Silo.Escalation.Api;

public sealed record DeclareMassIncidentRequest(string? Cause, int? CrowdSize);
