using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Incidents;

/// <summary>
/// 领导亲临现场, with where the leader was. <see cref="Leader"/> names them as timelines do, 领导:赵敏(gx.leader), and
/// <see cref="Level"/> is their own jurisdiction's. Check-ins journaled before sign-in carry only the name that was typed.
/// </summary>
public sealed record LeaderCheckedIn(string Leader, JurisdictionLevel Level, double Lon, double Lat, double DistanceMeters,
    string? Username = null, string? JurisdictionId = null, string? Title = null, string? Note = null) : IncidentEvent;
