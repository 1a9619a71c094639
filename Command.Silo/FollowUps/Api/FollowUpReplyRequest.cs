namespace Command.Silo.FollowUps.Api;

/// <summary>反馈: what the owner did about the item.</summary>
public sealed record FollowUpReplyRequest(string? Text);
