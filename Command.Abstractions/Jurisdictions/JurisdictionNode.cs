using Orleans;
namespace Command.Abstractions.Jurisdictions;

/// <summary>One entry of the jurisdiction tree. Synthetic nodes were derived by us, not taken from official data.</summary>
[GenerateSerializer, Immutable]
public sealed record JurisdictionNode(string Id, string Name, JurisdictionLevel Level, string? ParentId, bool Synthetic);
