namespace Command.Silo.Escalation;

/// <summary>
/// The golden-window and escalation rules as a leader reads and edits them (JSON, see the README's worked example).
/// Durations are in minutes so that a rules file reads as plain numbers. Validated by <see cref="RulesLoader"/>.
/// </summary>
public sealed record RulesDocument(
    MassIncidentRules? MassIncident,
    IReadOnlyList<MilestoneRule>? Milestones,
    IReadOnlyList<MilestoneOverride>? MilestoneOverrides,
    double? DueWarningMinutes,
    EscalationLadderRules? Escalation,
    GateRules? Gates,
    SensitivePeriodRules? SensitivePeriod = null);
