using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Jurisdictions;

public sealed record RosterSet(DutyRoster Roster) : JurisdictionEvent;
