using System.Collections.Immutable;
using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Jurisdictions;

public sealed record JurisdictionGrainState(ImmutableSortedSet<string> TeamIds, ImmutableSortedSet<string> ActiveIncidentIds, DutyRoster Roster)
{
    public static JurisdictionGrainState Empty { get; } = new([], [], new DutyRoster(null, null));

    /// <summary>Recent incidents by cause, for the 矛盾激化 rule; older ones are dropped as new ones come.</summary>
    public ImmutableList<IncidentOpened> Recent { get; init; } = [];

    /// <summary>The roster's shifts in time order; between them the standing <see cref="Roster"/> applies.</summary>
    public ImmutableList<DutyShift> Shifts { get; init; } = [];

    /// <summary>The latest 交班留言, oldest first; older ones stay in the journal only.</summary>
    public ImmutableList<HandoverNote> Notes { get; init; } = [];

    public const int NotesKept = 60;

    public JurisdictionGrainState WithNote(HandoverNote note) =>
        this with { Notes = Notes.Count >= NotesKept ? Notes.RemoveAt(0).Add(note) : Notes.Add(note) };

    /// <summary>Who is on duty at <paramref name="at"/>: the shift covering it, else the standing roster.</summary>
    public DutyRoster RosterAt(DateTimeOffset at) => Shifts.FirstOrDefault(s => s.Covers(at))?.ToRoster() ?? Roster;
}
