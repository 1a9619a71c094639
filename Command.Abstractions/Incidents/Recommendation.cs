using Command.Abstractions.Patrols;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>An available team ranked for an incident by estimated arrival.</summary>
[GenerateSerializer, Immutable]
public sealed record Recommendation(
    string TeamId,
    string Callsign,
    TeamMode Mode,
    double EtaSeconds,
    double DistanceMeters,
    string JurisdictionId);
