namespace Command.Silo.Jurisdictions;

public sealed record IncidentOpened(string IncidentId, string Cause, DateTimeOffset At) : JurisdictionEvent;
