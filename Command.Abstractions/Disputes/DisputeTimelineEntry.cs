using Orleans;

namespace Command.Abstractions.Disputes;

/// <summary>One line of a dispute's timeline, in the words a duty officer reads; one per journal record.</summary>
[GenerateSerializer, Immutable]
public sealed record DisputeTimelineEntry(DateTimeOffset At, string By, string Kind, string Text);
