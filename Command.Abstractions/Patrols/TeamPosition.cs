using Orleans;
namespace Command.Abstractions.Patrols;

/// <summary>A team's reported position: telemetry, not a journal event.</summary>
[GenerateSerializer, Immutable]
public sealed record TeamPosition(double Lon, double Lat, DateTimeOffset At, double? HeadingDeg = null, double? SpeedMps = null);
