namespace Command.Silo.Sweeps;

/// <summary>The schedules answer from the period that contains this moment on.</summary>
public sealed record SweepClockStarted : SweepClockEvent;
