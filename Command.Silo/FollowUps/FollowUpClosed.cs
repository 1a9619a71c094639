namespace Command.Silo.FollowUps;

/// <summary>销号 by the one who opened the item.</summary>
public sealed record FollowUpClosed(string? Note) : FollowUpEvent;
