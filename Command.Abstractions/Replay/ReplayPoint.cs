using Orleans;

namespace Command.Abstractions.Replay;

/// <summary>One fix of a team's track as the replay draws it.</summary>
[GenerateSerializer, Immutable]
public sealed record ReplayPoint(DateTimeOffset At, double Lon, double Lat);
