namespace Command.Silo.Sweeps;

/// <summary>A report for the period starting at <see cref="PeriodStart"/>; who and when are the journal's.</summary>
public sealed record SweepReported(DateTimeOffset PeriodStart, DateTimeOffset DueAt, bool Nil, int Found, string Text, IReadOnlyList<string> DisputeIds, bool Late) : SweepEvent;
