namespace Command.Silo.SensitivePeriods;

/// <summary>The period's start came: journaled when its deadline fired, so the record shows when the consoles were told.</summary>
public sealed record SensitivePeriodStarted(string PeriodId, DateTimeOffset DueAt) : SensitivePeriodEvent;
