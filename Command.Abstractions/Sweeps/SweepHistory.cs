using Orleans;

namespace Command.Abstractions.Sweeps;

/// <summary>A schedule's status and every period that has something on the record, newest first.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepHistory(SweepStatus Status, IReadOnlyList<SweepPeriodRecord> Periods);
