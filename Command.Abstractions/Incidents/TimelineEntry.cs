using System.Text.Json;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>One recorded event of the journal: never edited after it is written.</summary>
[GenerateSerializer, Immutable]
public sealed record TimelineEntry(long Seq, DateTimeOffset At, string Kind, string Actor, JsonElement Data);
