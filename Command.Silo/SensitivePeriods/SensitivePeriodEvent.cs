using System.Text.Json.Serialization;

namespace Command.Silo.SensitivePeriods;

/// <summary>The 敏感时期 calendar's journal: declarations, early ends, and the moments each took effect and lapsed.</summary>
[JsonDerivedType(typeof(SensitivePeriodDeclared), "declared")]
[JsonDerivedType(typeof(SensitivePeriodEnded), "ended")]
[JsonDerivedType(typeof(SensitivePeriodStarted), "started")]
[JsonDerivedType(typeof(SensitivePeriodLapsed), "lapsed")]
public abstract record SensitivePeriodEvent;
