using Command.Abstractions.Access;

namespace Command.Silo.Access.Api;

/// <summary>Who is signed in, for the pages' header; <see cref="AntiforgeryToken"/> is what a page sends back as
/// X-CSRF-TOKEN with every change it makes under its session cookie. <see cref="JurisdictionLevel"/> lets a page offer
/// only what the person may do (a county leader does not sign for a step that went to the city).</summary>
public sealed record Me(
    string Username,
    string DisplayName,
    Role Role,
    string RoleLabel,
    string JurisdictionId,
    string JurisdictionName,
    Command.Abstractions.Jurisdictions.JurisdictionLevel? JurisdictionLevel,
    string? TeamId,
    CredentialKind CredentialKind,
    DateTimeOffset? ExpiresAt,
    string Home,
    string? AntiforgeryToken);
