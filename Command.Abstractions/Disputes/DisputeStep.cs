using Orleans;

namespace Command.Abstractions.Disputes;

/// <summary>One mediation step (调处过程) as the journal recorded it: when, who (as timelines name them), what.</summary>
[GenerateSerializer, Immutable]
public sealed record DisputeStep(DateTimeOffset At, string By, string Text);
