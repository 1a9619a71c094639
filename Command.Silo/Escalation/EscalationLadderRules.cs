namespace Command.Silo.Escalation;

public sealed record EscalationLadderRules(
    IReadOnlyDictionary<string, string>? Ladder,
    double? AcknowledgeWithinMinutes,
    IReadOnlyList<CeilingRule>? Ceilings,
    RepeatedIncidentRule? RepeatedIncidents);
