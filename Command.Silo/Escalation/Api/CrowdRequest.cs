namespace Command.Silo.Escalation.Api;

public sealed record CrowdRequest(int? CrowdSize);
