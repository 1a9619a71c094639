using Command.Abstractions.Access;

namespace Command.Silo.Access;

public sealed record UserState(
    UserProfile? Profile,
    string? PasswordHash,
    bool Disabled,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? PasswordChangedAt)
{
    public static UserState Empty { get; } = new(null, null, false, default, "", null);
}
