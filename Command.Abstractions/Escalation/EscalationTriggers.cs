namespace Command.Abstractions.Escalation;

/// <summary>Why an escalation was raised.</summary>
public static class EscalationTriggers
{
    public const string MilestoneBreached = "milestoneBreached";
    public const string CrowdGrowth = "crowdGrowth";
    public const string SeverityUpgrade = "severityUpgrade";
    public const string Unacknowledged = "unacknowledged";
    public const string RepeatedIncidents = "repeatedIncidents";
    public const string LeaderDecision = "leaderDecision";

    /// <summary>A major case's 24-hour written report or 30-day inquiry report is overdue.</summary>
    public const string ReportOverdue = "reportOverdue";

    /// <summary>The 牵头 联动单位 called into the case did not sign for it (签收) in time.</summary>
    public const string DepartmentOverdue = "departmentOverdue";
}
