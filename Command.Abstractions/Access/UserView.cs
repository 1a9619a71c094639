using Orleans;
namespace Command.Abstractions.Access;

/// <summary>A user as administrators see them. The password hash never leaves the user's grain.</summary>
[GenerateSerializer, Immutable]
public sealed record UserView(
    string Username,
    string DisplayName,
    Role Role,
    string JurisdictionId,
    string? TeamId,
    bool Disabled,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? PasswordChangedAt,
    string? Department = null);
