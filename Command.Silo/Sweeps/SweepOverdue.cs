namespace Command.Silo.Sweeps;

/// <summary>逾期未报: the period ended with no report. <see cref="LateSeconds"/> is how late the mark was taken (a
/// cluster that was down takes it when it comes back).</summary>
public sealed record SweepOverdue(DateTimeOffset PeriodStart, DateTimeOffset DueAt, double LateSeconds) : SweepEvent;
