namespace Command.Silo.Incidents;

/// <summary>改派, on the case the team left: it went straight on to <see cref="ToNumber"/>.</summary>
public sealed record TeamDiverted(string TeamId, string Callsign, string ToIncidentId, string ToNumber, string Reason) : IncidentEvent;
