namespace Command.Silo.Escalation;

/// <summary>metBy: teamOnScene, leaderOnScene (with leaderLevel) or report (with reportKind).</summary>
public sealed record MilestoneRule(string? Name, string? Title, double? DueMinutes, string? MetBy, string? LeaderLevel, string? ReportKind);
