namespace Command.Silo.SensitivePeriods.Api;

public sealed record DeclareSensitivePeriodRequest(string? Name, DateTimeOffset? From, DateTimeOffset? To, string? Reason);
