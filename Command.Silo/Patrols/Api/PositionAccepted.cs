namespace Command.Silo.Patrols.Api;

/// <summary>The 202 to a position: the time the fix was recorded at and, when the device's clock runs ahead of the
/// server's by more than the tolerance, by how many seconds and what to do about it.</summary>
public sealed record PositionAccepted(DateTimeOffset At, double? ClockAheadSeconds, string? Detail);
