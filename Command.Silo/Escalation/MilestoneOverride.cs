namespace Command.Silo.Escalation;

public sealed record MilestoneOverride(IReadOnlyList<int>? Severity, IReadOnlyList<string>? Cause, IReadOnlyDictionary<string, double>? DueMinutes);
