using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;

namespace Command.Abstractions.Incidents;

/// <summary>One 警情, from the call to its closure. Keyed by the incident id.</summary>
public interface IIncidentGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Opens the incident. Calling it again with the same id returns the existing incident unchanged.</summary>
    Task<IncidentDetail> Open(IncidentCall call, string number, IncidentPlacement placement, string actor);

    /// <summary>Null when no incident was ever opened under this id.</summary>
    Task<IncidentDetail?> GetDetail();

    Task<IncidentDetail> Assign(string teamId, string actor);

    Task<IncidentDetail> StartHandling(string? note, string actor);

    Task<IncidentDetail> Close(string resolution, string actor);

    Task<IReadOnlyList<TimelineEntry>> GetTimeline();

    /// <summary>A team's leader reported a new status for this incident.</summary>
    [OneWay]
    Task OnTeamStatus(string teamId, TeamStatus status, DateTimeOffset at, string actor);
}
