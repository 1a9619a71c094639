namespace Command.Silo.Sweeps;

/// <summary>The missed period went up one level, to the parent jurisdiction's desks.</summary>
public sealed record SweepEscalated(DateTimeOffset PeriodStart, string ParentId, string ParentName) : SweepEvent;
