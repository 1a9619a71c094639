using Orleans;

namespace Command.Abstractions.Jurisdictions;

/// <summary>A jurisdiction's roster as it stands: who is on duty now (the shift covering now, or the standing roster
/// between shifts) and its shifts, past and planned.</summary>
[GenerateSerializer, Immutable]
public sealed record DutySchedule(string JurisdictionId, DutyRoster Current, DutyShift? CurrentShift, DutyRoster Standing, IReadOnlyList<DutyShift> Shifts)
{
    /// <summary>The latest 交班留言, newest first.</summary>
    [Id(5)]
    public IReadOnlyList<HandoverNote> Notes { get; init; } = [];
}
