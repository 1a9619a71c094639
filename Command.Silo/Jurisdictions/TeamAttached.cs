namespace Command.Silo.Jurisdictions;

public sealed record TeamAttached(string TeamId) : JurisdictionEvent;
