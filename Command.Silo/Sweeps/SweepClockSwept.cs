namespace Command.Silo.Sweeps;

/// <summary>Every schedule whose period ended by <see cref="Through"/> was caught up; <see cref="Schedules"/> of them.</summary>
public sealed record SweepClockSwept(DateTimeOffset Through, int Schedules) : SweepClockEvent;
