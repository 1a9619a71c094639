using Orleans;
namespace Command.Abstractions.Incidents;

/// <summary>Where an incident was placed. A call from outside every boundary goes to the nearest
/// jurisdiction with <see cref="OutsideBoundary"/> set, never rejected.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentPlacement(
    string JurisdictionId,
    IReadOnlyList<JurisdictionRef> Chain,
    bool OutsideBoundary,
    double? DistanceToBoundaryMeters);
