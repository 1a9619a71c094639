using Command.Abstractions.Patrols;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>An available team ranked for an incident by estimated arrival. <see cref="Neighbouring"/> marks a team of a
/// neighbouring county offered when the incident's own has none free (警力不足); <see cref="CanDispatch"/> is false when
/// the caller may not send it and must ask that county's duty officer.</summary>
[GenerateSerializer, Immutable]
public sealed record Recommendation(
    string TeamId,
    string Callsign,
    TeamMode Mode,
    double EtaSeconds,
    double DistanceMeters,
    string JurisdictionId,
    IReadOnlyList<string>? Equipment = null,
    string? JurisdictionName = null,
    bool Neighbouring = false,
    bool CanDispatch = true);
