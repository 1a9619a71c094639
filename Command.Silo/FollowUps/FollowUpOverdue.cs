namespace Command.Silo.FollowUps;

/// <summary>The deadline passed with no report back; <see cref="LateSeconds"/> is how late it was taken (a silo that
/// was down takes it when it comes back).</summary>
public sealed record FollowUpOverdue(DateTimeOffset DueAt, double LateSeconds) : FollowUpEvent;
