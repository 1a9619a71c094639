namespace Command.Silo.FollowUps.Api;

/// <summary>销号, with an optional note from the one who opened the item.</summary>
public sealed record CloseFollowUpRequest(string? Note);
