using Orleans;

namespace Command.Abstractions.Jurisdictions;

/// <summary>One shift of a jurisdiction's duty roster (值班表): who is the duty officer and the leader on duty
/// (带班领导, with the phone escalations text) from <see cref="From"/> until <see cref="To"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record DutyShift(DateTimeOffset From, DateTimeOffset To, string? DutyOfficer, string? LeaderOnDuty, string? LeaderPhone)
{
    public bool Covers(DateTimeOffset at) => From <= at && at < To;

    public DutyRoster ToRoster() => new(DutyOfficer, LeaderOnDuty, LeaderPhone);
}
