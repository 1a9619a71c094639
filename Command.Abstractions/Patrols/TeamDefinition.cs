using Orleans;
namespace Command.Abstractions.Patrols;

/// <summary>What a team is when it is commissioned: who, how it moves, what it carries and where it is based.</summary>
[GenerateSerializer, Immutable]
public sealed record TeamDefinition(
    string Callsign,
    TeamMode Mode,
    string Leader,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> Equipment,
    string JurisdictionId,
    string? LeaderPhone = null);
