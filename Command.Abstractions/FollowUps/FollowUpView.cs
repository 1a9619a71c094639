using Orleans;

namespace Command.Abstractions.FollowUps;

/// <summary>
/// A 跟踪督办 item as the lists and its page show it. <see cref="State"/> is <c>open</c> (nobody has reported back),
/// <c>replied</c> (the owner has, and the opener has yet to close it off) or <c>closed</c> (销号). <see cref="OverdueAt"/> is
/// set when the deadline passed with no report back, and stays set: a late report back is late on the record.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FollowUpView(
    string Id,
    string IncidentId,
    string IncidentNumber,
    string JurisdictionId,
    IReadOnlyList<string> JurisdictionChain,
    string Task,
    string OwnerUsername,
    string OwnerName,
    DateTimeOffset DueAt,
    string OpenedBy,
    string OpenerUsername,
    DateTimeOffset OpenedAt,
    string State,
    IReadOnlyList<FollowUpReply> Replies,
    DateTimeOffset? OverdueAt,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    string? CloseNote,
    long Version)
{
    public bool IsOverdue => OverdueAt is not null && ClosedAt is null;
}
