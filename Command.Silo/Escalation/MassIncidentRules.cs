namespace Command.Silo.Escalation;

public sealed record MassIncidentRules(int? CrowdThreshold, IReadOnlyList<CrowdSeverity>? SeverityByCrowd, IReadOnlyList<int>? CrowdEscalationSteps);
