using System.Collections.Immutable;
using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Jurisdictions;

public sealed record JurisdictionGrainState(ImmutableSortedSet<string> TeamIds, ImmutableSortedSet<string> ActiveIncidentIds, DutyRoster Roster)
{
    public static JurisdictionGrainState Empty { get; } = new([], [], new DutyRoster(null, null));
}
