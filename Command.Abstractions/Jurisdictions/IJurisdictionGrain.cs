using Orleans;

namespace Command.Abstractions.Jurisdictions;

/// <summary>One jurisdiction. Its boundary and place in the tree are reference data; the grain keeps what changes.
/// A team or incident is recorded on every jurisdiction of its chain, so a county sees its whole subtree.</summary>
public interface IJurisdictionGrain : IGrainWithStringKey
{
    Task<JurisdictionState> GetState();

    Task AttachTeam(string teamId);

    /// <summary>Records an incident opened here and answers how many incidents with the same cause opened here
    /// within <paramref name="window"/>, this one included: the 矛盾激化 signal.</summary>
    Task<int> IncidentOpened(string incidentId, string cause, DateTimeOffset at, TimeSpan window);

    Task IncidentClosed(string incidentId);

    Task<JurisdictionState> SetRoster(DutyRoster roster, string actor);

    /// <summary>Replaces the shifts that have not started yet with <paramref name="shifts"/>; a shift that has
    /// started stays as it was, on the record.</summary>
    Task<DutySchedule> PlanShifts(IReadOnlyList<DutyShift> shifts, string actor);

    Task<DutySchedule> GetSchedule();

    /// <summary>Journals a 交班留言 for the next shift; it cannot be changed afterwards.</summary>
    Task<HandoverNote> WriteHandoverNote(string text, string actor);
}
