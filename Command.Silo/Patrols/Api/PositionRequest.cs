namespace Command.Silo.Patrols.Api;

public sealed record PositionRequest(double? Lon, double? Lat, DateTimeOffset? At, double? HeadingDeg, double? SpeedMps);
