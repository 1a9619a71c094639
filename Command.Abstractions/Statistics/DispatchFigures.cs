namespace Command.Abstractions.Statistics;

/// <summary>From the call to the first team assigned, over the cases that had one; <see cref="Overdue"/> counts cases
/// that were ever flagged 派警超时. Median and p90 are nearest-rank, in whole seconds; null without cases.</summary>
public sealed record DispatchFigures(int Count, int? MedianSeconds, int? P90Seconds, int Overdue);
