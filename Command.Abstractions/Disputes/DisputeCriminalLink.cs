using Orleans;

namespace Command.Abstractions.Disputes;

/// <summary>民转刑: a criminal case that the dispute turned into, linked on the record.</summary>
[GenerateSerializer, Immutable]
public sealed record DisputeCriminalLink(string IncidentId, string IncidentNumber, DateTimeOffset At, string By);
