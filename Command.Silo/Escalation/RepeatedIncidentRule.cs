namespace Command.Silo.Escalation;

public sealed record RepeatedIncidentRule(IReadOnlyList<string>? Types, double? WithinDays, int? Count);
