using Command.Abstractions.Patrols;

namespace Command.Abstractions.Incidents;

/// <summary>An available team ranked for an incident by estimated arrival.</summary>
public sealed record Recommendation(
    string TeamId,
    string Callsign,
    TeamMode Mode,
    double EtaSeconds,
    double DistanceMeters,
    string JurisdictionId);
