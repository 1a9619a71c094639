using Orleans;

namespace Command.Abstractions.SensitivePeriods;

/// <summary>敏感时期: a named period declared by a city leader, from <see cref="From"/> until <see cref="To"/> (or until
/// <see cref="EndedAt"/> if ended early), during which new cases run on the tighter rules. <see cref="InForce"/> is as of
/// the answer's moment.</summary>
[GenerateSerializer, Immutable]
public sealed record SensitivePeriodView(
    string Id,
    string Name,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Reason,
    string DeclaredBy,
    DateTimeOffset DeclaredAt,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    bool InForce)
{
    /// <summary>When it stops being in force: the planned end, or the early one.</summary>
    public DateTimeOffset Until => EndedAt is { } ended && ended < To ? ended : To;

    public bool CoversAt(DateTimeOffset at) => From <= at && at < Until;
}
