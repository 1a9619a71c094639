using Orleans;
namespace Command.Abstractions.Patrols;

/// <summary>A patrol team as the status board and the map show it. <see cref="Members"/> is the headcount;
/// <see cref="Roster"/> the names, leader first.</summary>
[GenerateSerializer, Immutable]
public sealed record TeamView(
    string Id,
    string Callsign,
    TeamMode Mode,
    TeamStatus Status,
    DateTimeOffset StatusSince,
    int Members,
    string Leader,
    IReadOnlyList<string> Roster,
    IReadOnlyList<string> Equipment,
    string JurisdictionId,
    TeamPosition? Position,
    bool Stale,
    string? IncidentId,
    long Version);
