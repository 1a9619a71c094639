namespace Command.Silo.Escalation.Api;

public sealed record LeaderCheckInRequest(string? Leader, string? Level, double? Lon, double? Lat);
