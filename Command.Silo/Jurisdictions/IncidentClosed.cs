namespace Command.Silo.Jurisdictions;

public sealed record IncidentClosed(string IncidentId) : JurisdictionEvent;
