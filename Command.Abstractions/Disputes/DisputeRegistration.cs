using Command.Abstractions.Geo;
using Orleans;

namespace Command.Abstractions.Disputes;

/// <summary>What the endpoint checked before a dispute enters the ledger: its parties, cause, place and jurisdiction
/// (from the point), level, and the case it grew out of, if any.</summary>
[GenerateSerializer, Immutable]
public sealed record DisputeRegistration(
    string Number,
    IReadOnlyList<DisputeParty> Parties,
    string Cause,
    string Description,
    GeoPoint Location,
    string JurisdictionId,
    IReadOnlyList<string> JurisdictionChain,
    string Level,
    string? IncidentId,
    string? IncidentNumber,
    string RegistrarUsername);
