using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;

namespace Command.Silo.Patrols;

/// <summary>
/// The arrival-time model. ETA = turnout + straight-line distance × detour factor ÷ speed.
/// Speeds are urban/rural averages for Chinese county roads: a foot patrol walks 5 km/h, a motorcycle 35 km/h,
/// a patrol car 45 km/h and a checkpoint's car 40 km/h. Turnout is the time to get moving: a checkpoint must hand
/// over its post. The detour factor 1.3 is the usual ratio of road to straight-line distance on a rural grid
/// (studies put it between 1.2 and 1.4). All are configurable under "Dispatch" in appsettings.
/// </summary>
public sealed class DispatchOptions
{
    public Dictionary<TeamMode, double> SpeedKmh { get; set; } = new()
    {
        [TeamMode.Foot] = 5,
        [TeamMode.Motorcycle] = 35,
        [TeamMode.Vehicle] = 45,
        [TeamMode.Checkpoint] = 40,
    };

    public Dictionary<TeamMode, double> TurnoutSeconds { get; set; } = new()
    {
        [TeamMode.Foot] = 30,
        [TeamMode.Motorcycle] = 45,
        [TeamMode.Vehicle] = 60,
        [TeamMode.Checkpoint] = 180,
    };

    public double DetourFactor { get; set; } = 1.3;

    /// <summary>A team whose last position is older than this is drawn as stale and not recommended.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A fix stamped ahead of the server's clock is recorded at the server's time, so that it cannot hold a team's place
    /// against the fixes that follow (newer wins). Up to this far ahead that is the ordinary drift of a phone's clock;
    /// further ahead, the answer tells the terminal by how much its clock is off.
    /// </summary>
    public TimeSpan PositionClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A fix stamped further than this from the server's clock, ahead or behind, is refused (422): that is a wrong date,
    /// not a clock a little off, and a position a day old says nothing about where a team is. A wrong time zone is at most 14 hours.
    /// </summary>
    public TimeSpan PositionMaxClockError { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Equipment a team must carry to be recommended for an incident type.</summary>
    public Dictionary<IncidentType, string[]> RequiredEquipment { get; set; } = new()
    {
        [IncidentType.MassIncident] = ["防暴装备"],
        [IncidentType.Hazmat] = ["防爆器材"],
    };

    /// <summary>A team that would take longer than this to arrive is not recommended: an hour away is no help to a
    /// call, and the officer is better told that there is nobody (警力不足) and offered the neighbouring counties.</summary>
    public TimeSpan MaxRecommendedEta { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>What a team must carry for an incident as it is now: an incident upgraded to a mass incident keeps its
    /// original type but needs what a mass incident needs.</summary>
    public IReadOnlyList<string> RequiredFor(IncidentType type, bool isMassIncident) =>
        [.. RequiredEquipment.GetValueOrDefault(type, [])
            .Concat(isMassIncident ? RequiredEquipment.GetValueOrDefault(IncidentType.MassIncident, []) : [])
            .Distinct(StringComparer.Ordinal)];

    /// <summary>Minutes from the call to the first dispatch before the incident is flagged 派警超时, by severity 1–4 (I–IV).</summary>
    public Dictionary<int, double> DispatchDeadlineMinutes { get; set; } = new() { [1] = 2, [2] = 3, [3] = 5, [4] = 10 };

    /// <summary>到达现场 reported from further than this from the scene needs the leader's confirmation, and does not meet
    /// a team-on-scene milestone until the team reports from within it.</summary>
    public double ArrivalRadiusMeters { get; set; } = 500;

    public double EtaSeconds(TeamMode mode, double distanceMeters) =>
        TurnoutSeconds.GetValueOrDefault(mode, 60) + distanceMeters * DetourFactor / (SpeedKmh.GetValueOrDefault(mode, 40) / 3.6);

    public TimeSpan DispatchDeadline(int severity) => TimeSpan.FromMinutes(DispatchDeadlineMinutes.GetValueOrDefault(severity, 10));
}
