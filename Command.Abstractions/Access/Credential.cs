using Orleans;
namespace Command.Abstractions.Access;

/// <summary>
/// One issued sign-in: a session cookie, a user's bearer token or a terminal's token. The secret itself is never
/// stored; the token carries <see cref="Id"/>, and the credential register says whether that id is still good.
/// <see cref="IssuerSubject"/> is the username of whoever issued a terminal's token (null for one's own sign-in, and
/// for tokens issued before it was recorded): their terminals' tokens go when their account is disabled.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Credential(
    string Id,
    CredentialKind Kind,
    string Subject,
    string DisplayName,
    Role Role,
    string JurisdictionId,
    string? TeamId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string IssuedBy,
    string? Label,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null,
    string? IssuerSubject = null)
{
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
