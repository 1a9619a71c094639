using Command.Abstractions.Jurisdictions;

namespace Command.Abstractions.Incidents;

public sealed record JurisdictionRef(string Id, string Name, JurisdictionLevel Level);
