namespace Command.Silo.Access;

/// <summary>A new password, or the same one re-hashed with stronger parameters (<paramref name="Rehashed"/>: not a
/// change, so the account keeps its change date and whatever it was known to be).</summary>
public sealed record PasswordSet(string PasswordHash, bool Rehashed = false) : UserEvent;
