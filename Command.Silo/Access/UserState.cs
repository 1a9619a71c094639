using Command.Abstractions.Access;

namespace Command.Silo.Access;

/// <param name="DemoPassword">The account still has the password it was seeded with as a demo account, which is
/// published: true from the demo seed's creation until a password is set.</param>
public sealed record UserState(
    UserProfile? Profile,
    string? PasswordHash,
    bool Disabled,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? PasswordChangedAt,
    bool DemoPassword = false)
{
    public static UserState Empty { get; } = new(null, null, false, default, "", null);
}
