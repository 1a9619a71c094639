namespace Command.Silo.Disputes.Api;

/// <summary>A dispute registered on its own: parties, cause, what it is about, where (its jurisdiction follows from the
/// point), and its level (ordinary 一般, major 重大).</summary>
public sealed record RegisterDisputeRequest(IReadOnlyList<DisputePartyRequest?>? Parties, string? Cause, string? Description, double? Lon, double? Lat, string? Level);
