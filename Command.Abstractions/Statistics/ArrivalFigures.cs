namespace Command.Abstractions.Statistics;

/// <summary>From the call to the first team reporting 到达现场, over the cases that had one (nearest-rank, whole seconds).</summary>
public sealed record ArrivalFigures(int Count, int? MedianSeconds, int? P90Seconds);
