using Command.Abstractions.Jurisdictions;
using Orleans;

namespace Command.Abstractions.Incidents;

[GenerateSerializer, Immutable]
public sealed record JurisdictionRef(string Id, string Name, JurisdictionLevel Level);
