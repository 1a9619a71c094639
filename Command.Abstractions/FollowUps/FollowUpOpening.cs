using Orleans;

namespace Command.Abstractions.FollowUps;

/// <summary>What the endpoint checked before an item is opened: the case, the task, the owner (an account) and when
/// the owner must have reported back.</summary>
[GenerateSerializer, Immutable]
public sealed record FollowUpOpening(
    string IncidentId,
    string IncidentNumber,
    string JurisdictionId,
    IReadOnlyList<string> JurisdictionChain,
    string Task,
    string OwnerUsername,
    string OwnerName,
    DateTimeOffset DueAt,
    string OpenerUsername);
