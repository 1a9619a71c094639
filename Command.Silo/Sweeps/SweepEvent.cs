using System.Text.Json.Serialization;

namespace Command.Silo.Sweeps;

/// <summary>What a schedule's journal records: reports, 逾期未报 marks and escalations, never edited afterwards.</summary>
[JsonDerivedType(typeof(SweepStarted), "started")]
[JsonDerivedType(typeof(SweepReported), "reported")]
[JsonDerivedType(typeof(SweepOverdue), "overdue")]
[JsonDerivedType(typeof(SweepEscalated), "escalated")]
public abstract record SweepEvent;
