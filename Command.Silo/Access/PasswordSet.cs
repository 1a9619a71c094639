namespace Command.Silo.Access;

/// <summary>A new password, or the same one re-hashed with stronger parameters.</summary>
public sealed record PasswordSet(string PasswordHash) : UserEvent;
