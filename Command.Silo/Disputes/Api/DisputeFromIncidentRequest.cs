namespace Command.Silo.Disputes.Api;

/// <summary>A dispute grown out of a case: place and, unless given, description come from the case.</summary>
public sealed record DisputeFromIncidentRequest(IReadOnlyList<DisputePartyRequest?>? Parties, string? Cause, string? Description, string? Level);
