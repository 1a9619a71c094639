using Orleans;
namespace Command.Abstractions.Incidents;

/// <summary>A timed step an incident must reach, such as the first team on scene.</summary>
[GenerateSerializer, Immutable]
public sealed record Milestone(
    string Name,
    string Title,
    DateTimeOffset DueAt,
    MilestoneState State,
    DateTimeOffset? MetAt,
    string? MetBy,
    // When countdowns turn amber: DueAt less the rules' dueWarningMinutes; null when the rules give no warning.
    DateTimeOffset? WarnAt = null);
