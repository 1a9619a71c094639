using Orleans;

namespace Command.Abstractions.Sweeps;

/// <summary>
/// What happened in one period [<see cref="Start"/>, <see cref="DueAt"/>): its report, and when it ended unreported
/// the 逾期未报 mark and the level it was escalated to. The mark stays after a late report.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepPeriodRecord(
    DateTimeOffset Start,
    DateTimeOffset DueAt,
    SweepReport? Report,
    DateTimeOffset? OverdueAt,
    string? EscalatedTo,
    string? EscalatedToName);
