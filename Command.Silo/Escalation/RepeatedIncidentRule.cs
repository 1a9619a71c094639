namespace Command.Silo.Escalation;

/// <summary>Ceiling: how high this trigger may take a case by itself, at least: repeated trouble is no longer a small matter.</summary>
public sealed record RepeatedIncidentRule(IReadOnlyList<string>? Types, double? WithinDays, int? Count, string? Ceiling);
