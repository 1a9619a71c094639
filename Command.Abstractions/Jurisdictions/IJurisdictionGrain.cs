using Command.Abstractions.Runtime;

namespace Command.Abstractions.Jurisdictions;

/// <summary>One jurisdiction. Its boundary and place in the tree are reference data; the grain keeps what changes.
/// A team or incident is recorded on every jurisdiction of its chain, so a county sees its whole subtree.</summary>
public interface IJurisdictionGrain : IGrainWithStringKey
{
    Task<JurisdictionState> GetState();

    Task AttachTeam(string teamId);

    Task IncidentOpened(string incidentId);

    Task IncidentClosed(string incidentId);

    Task<JurisdictionState> SetRoster(DutyRoster roster, string actor);
}
