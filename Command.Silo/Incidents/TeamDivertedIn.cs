namespace Command.Silo.Incidents;

/// <summary>改派, on the case the team was sent on to; the assignment itself is the <see cref="TeamAssigned"/> beside it.</summary>
public sealed record TeamDivertedIn(string TeamId, string Callsign, string FromIncidentId, string FromNumber, string Reason) : IncidentEvent;
