namespace Command.Silo.Runtime;

/// <summary>What the journal records around an event: its sequence number, when, and who.</summary>
public readonly record struct EventMeta(long Seq, DateTimeOffset At, string Actor);
