using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Escalation;

public sealed record MilestoneSpec(string Name, string Title, TimeSpan Due, MilestoneTrigger MetBy, JurisdictionLevel? LeaderLevel, string? ReportKind);
