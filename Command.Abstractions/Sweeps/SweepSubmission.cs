using Orleans;

namespace Command.Abstractions.Sweeps;

/// <summary>A checked 排查 report: <see cref="Nil"/> is a 零报告 (nothing found, <see cref="Found"/> 0).</summary>
[GenerateSerializer, Immutable]
public sealed record SweepSubmission(bool Nil, int Found, string Text, IReadOnlyList<string> DisputeIds);
