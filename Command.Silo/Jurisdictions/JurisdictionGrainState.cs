using System.Collections.Immutable;
using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Jurisdictions;

public sealed record JurisdictionGrainState(ImmutableSortedSet<string> TeamIds, ImmutableSortedSet<string> ActiveIncidentIds, DutyRoster Roster)
{
    public static JurisdictionGrainState Empty { get; } = new([], [], new DutyRoster(null, null));

    /// <summary>Recent incidents by cause, for the 矛盾激化 rule; older ones are dropped as new ones come.</summary>
    public ImmutableList<IncidentOpened> Recent { get; init; } = [];
}
