using Command.Abstractions.Patrols;
using Orleans;

namespace Command.Abstractions.Replay;

/// <summary>
/// One team sent to the case, with the times of its (last) assignment so the page can give its symbol the status it
/// had at the play head, and its track in time order. <see cref="RecordedPoints"/> is how many fixes the track log
/// holds in the window; when that is more than the replay's cap, <see cref="Points"/> is thinned evenly by time
/// (first and last kept) and <see cref="Thinned"/> is true. <see cref="Mode"/> is null for a team no longer known.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplayTeam(
    string TeamId,
    string Callsign,
    TeamMode? Mode,
    DateTimeOffset AssignedAt,
    DateTimeOffset? EnRouteAt,
    DateTimeOffset? OnSceneAt,
    DateTimeOffset? ClearedAt,
    string? ClearedAs,
    IReadOnlyList<ReplayPoint> Points,
    int RecordedPoints,
    bool Thinned);
