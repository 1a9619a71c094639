namespace Command.Silo.FollowUps;

public sealed record FollowUpReplied(string Text) : FollowUpEvent;
