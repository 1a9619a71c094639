namespace Command.Silo.SensitivePeriods;

/// <summary>Ended early by a city leader (who and when are the entry's own).</summary>
public sealed record SensitivePeriodEnded(string PeriodId) : SensitivePeriodEvent;
