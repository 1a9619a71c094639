using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Incidents;

/// <summary>领导亲临现场, with where the leader was.</summary>
public sealed record LeaderCheckedIn(string Leader, JurisdictionLevel Level, double Lon, double Lat, double DistanceMeters) : IncidentEvent;
