using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>处警反馈 from the team that handled the scene.</summary>
[GenerateSerializer, Immutable]
public sealed record FieldReport(string Found, string Actions, string? People, int? PeopleCount, string? Result);
