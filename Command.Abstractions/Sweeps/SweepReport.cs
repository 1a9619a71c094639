using Orleans;

namespace Command.Abstractions.Sweeps;

/// <summary>One report as journaled; <see cref="Late"/> when it came after its period had been marked 逾期未报 (迟报).</summary>
[GenerateSerializer, Immutable]
public sealed record SweepReport(DateTimeOffset At, string By, bool Nil, int Found, string Text, IReadOnlyList<string> DisputeIds, bool Late);
