using Command.Abstractions.Access;

namespace Command.Silo.Access;

public sealed record UserCreated(UserProfile Profile, string PasswordHash) : UserEvent;
