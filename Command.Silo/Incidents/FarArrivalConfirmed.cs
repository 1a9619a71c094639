namespace Command.Silo.Incidents;

/// <summary>远距离确认到场: a team reported 到达现场 from further than the arrival radius and its leader confirmed it.
/// It is on the record, but it does not meet a team-on-scene milestone by itself.</summary>
public sealed record FarArrivalConfirmed(string TeamId, string Callsign, int DistanceMeters, double Lon, double Lat) : IncidentEvent;
