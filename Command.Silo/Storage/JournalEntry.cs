namespace Command.Silo.Storage;

/// <summary>One event as stored: its place in the stream, when, what kind, who did it, and its data as JSON.</summary>
public sealed record JournalEntry(long Seq, DateTimeOffset At, string Kind, string Actor, string Data);
