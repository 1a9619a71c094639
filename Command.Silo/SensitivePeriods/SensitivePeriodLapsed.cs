namespace Command.Silo.SensitivePeriods;

/// <summary>The period's planned end came.</summary>
public sealed record SensitivePeriodLapsed(string PeriodId, DateTimeOffset DueAt) : SensitivePeriodEvent;
