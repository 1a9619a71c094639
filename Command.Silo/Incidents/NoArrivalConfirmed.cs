namespace Command.Silo.Incidents;

/// <summary>The duty officer confirmed closing a case to which teams were sent and none arrived, and said why.</summary>
public sealed record NoArrivalConfirmed(string Reason, int TeamsSent) : IncidentEvent;
