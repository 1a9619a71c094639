using Command.Abstractions.Incidents;
using Orleans;

namespace Command.Abstractions.Replay;

/// <summary>
/// 轨迹回放 of one case: the case, every timeline event in order, and the track of every team ever sent to it, from
/// <see cref="From"/> (a few minutes before the call, so a team's approach shows) to <see cref="To"/> (the close, or the
/// time of the answer while the case is open). A track longer than <see cref="MaxPointsPerTeam"/> points is thinned
/// evenly by time (see <see cref="ReplayTeam.Thinned"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncidentReplay(
    ReplayCase Case,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<ReplayTeam> Teams,
    int MaxPointsPerTeam);
