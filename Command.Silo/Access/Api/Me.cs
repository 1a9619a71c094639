using Command.Abstractions.Access;

namespace Command.Silo.Access.Api;

/// <summary>Who is signed in, for the pages' header; <see cref="AntiforgeryToken"/> is what a page sends back as
/// X-CSRF-TOKEN with every change it makes under its session cookie.</summary>
public sealed record Me(
    string Username,
    string DisplayName,
    Role Role,
    string RoleLabel,
    string JurisdictionId,
    string JurisdictionName,
    string? TeamId,
    CredentialKind CredentialKind,
    DateTimeOffset? ExpiresAt,
    string Home,
    string? AntiforgeryToken);
