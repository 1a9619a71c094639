namespace Command.Silo.Runtime;

/// <summary>When a deadline was due and when its grain took it; a deadline that fell due while its silo was down
/// is taken late, and says so.</summary>
[GenerateSerializer, Immutable]
public sealed record DeadlineTick(DateTimeOffset DueAt, DateTimeOffset FiredAt)
{
    public TimeSpan Lateness => FiredAt > DueAt ? FiredAt - DueAt : TimeSpan.Zero;
}
