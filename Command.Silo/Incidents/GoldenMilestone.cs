using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Silo.Escalation;

namespace Command.Silo.Incidents;

/// <summary>A milestone of an open golden window, with what meets it, as journaled when the window opened.</summary>
public sealed record GoldenMilestone(
    string Name,
    string Title,
    DateTimeOffset DueAt,
    MilestoneTrigger Trigger,
    JurisdictionLevel? LeaderLevel,
    string? ReportKind,
    MilestoneState State = MilestoneState.Pending,
    DateTimeOffset? MetAt = null,
    string? MetBy = null,
    DateTimeOffset? WarnedAt = null,
    DateTimeOffset? WarnAt = null)
{
    public Milestone ToWire() => new(Name, Title, DueAt, State, MetAt, MetBy, WarnAt);
}
