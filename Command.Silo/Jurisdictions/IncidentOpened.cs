namespace Command.Silo.Jurisdictions;

public sealed record IncidentOpened(string IncidentId) : JurisdictionEvent;
