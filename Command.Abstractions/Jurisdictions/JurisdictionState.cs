using Orleans;
namespace Command.Abstractions.Jurisdictions;

/// <summary>The live side of a jurisdiction: teams based in its subtree, open incidents in it, and who is on duty.</summary>
[GenerateSerializer, Immutable]
public sealed record JurisdictionState(
    string Id,
    IReadOnlyList<string> TeamIds,
    IReadOnlyList<string> ActiveIncidentIds,
    DutyRoster Roster);
