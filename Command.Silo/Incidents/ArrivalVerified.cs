namespace Command.Silo.Incidents;

/// <summary>A team whose arrival was confirmed from far away reported again from within the arrival radius.</summary>
public sealed record ArrivalVerified(string TeamId, string Callsign, int DistanceMeters) : IncidentEvent;
