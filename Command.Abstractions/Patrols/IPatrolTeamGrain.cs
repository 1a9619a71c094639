using Orleans;

namespace Command.Abstractions.Patrols;

/// <summary>One 巡防 team. Keyed by the team id.</summary>
public interface IPatrolTeamGrain : IGrainWithStringKey
{
    /// <summary>Puts the team into service. Calling it again with the same definition changes nothing.</summary>
    Task<TeamView> Commission(TeamDefinition definition, string actor);

    /// <summary>Null when no team was commissioned under this id.</summary>
    Task<TeamView?> GetView();

    Task ReportPosition(TeamPosition position);

    /// <summary>A status the team itself reports: en route, on scene, returning, available, off duty.</summary>
    Task<TeamView> ReportStatus(TeamStatus status, string actor);

    /// <summary>Sends the team to an incident. Refused with a conflict unless the team is available.</summary>
    Task<TeamView> Dispatch(string incidentId, string incidentNumber, string actor);

    /// <summary>The incident no longer needs the team (it was closed).</summary>
    Task<TeamView> Release(string incidentId, string actor);

    /// <summary>改派: moves the team from one incident straight to another, as dispatched to it; refused unless the team
    /// is out for <paramref name="fromIncidentId"/>. The numbers are for the refusal's words.</summary>
    Task<TeamView> Divert(string fromIncidentId, string toIncidentId, string fromNumber, string toNumber, string actor);
}
