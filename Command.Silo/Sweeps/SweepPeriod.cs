namespace Command.Silo.Sweeps;

/// <summary>One period [<see cref="Start"/>, <see cref="DueAt"/>): its report is due by its end.</summary>
public sealed record SweepPeriod(DateTimeOffset Start, DateTimeOffset DueAt, int Days);
