using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>续报/补充: what a duty officer added to a case after intake.</summary>
[GenerateSerializer, Immutable]
public sealed record CaseNote(DateTimeOffset At, string By, string Text);
