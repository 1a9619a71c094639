using Orleans;

namespace Command.Abstractions.SensitivePeriods;

[GenerateSerializer, Immutable]
public sealed record SensitivePeriodDeclaration(string Name, DateTimeOffset From, DateTimeOffset To, string? Reason);
