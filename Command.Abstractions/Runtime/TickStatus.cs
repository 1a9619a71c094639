namespace Command.Abstractions.Runtime;

/// <summary>When a reminder was due and when it was actually delivered.</summary>
public sealed record TickStatus(DateTimeOffset DueAt, DateTimeOffset FiredAt)
{
    public TimeSpan Lateness => FiredAt > DueAt ? FiredAt - DueAt : TimeSpan.Zero;
}
