namespace Command.Silo.Escalation;

public sealed record CeilingRule(bool? MassIncident, IReadOnlyList<int>? Severity, string? Level);
