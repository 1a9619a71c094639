using Command.Abstractions.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Command.Silo.Access;

/// <summary>
/// A patrol terminal's phone opens /patrol without anyone signing in: the page at /terminal reads the terminal token
/// from the link's fragment (which never reaches the server, its logs or a Referer) and trades it here for the usual
/// session cookie. The cookie carries the token's own credential id, so revoking the token (or disabling its issuer)
/// ends the cookie session on the next request through the ordinary credential check.
/// </summary>
public static class TerminalSessionEndpoints
{
    public const string Path = "/api/auth/terminal-session";

    public const string BadToken = "终端令牌无效、已过期或已被吊销，请向值班员或系统管理员重新领取终端链接。";

    public static IEndpointRouteBuilder MapTerminalSession(this IEndpointRouteBuilder app)
    {
        // Anonymous here so that a refused token gets this endpoint's own Chinese answer: the credential check has
        // already dropped a revoked or unknown token's identity by the time the handler runs.
        // No sign-in rate limit: a terminal token is a signed, unguessable credential, not a password to be tried.
        app.MapPost(Path, async (HttpContext http, Credentials credentials, AuditTrail audit) =>
        {
            bool bearer = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (!bearer || Caller.TryFrom(http.User) is not { Kind: CredentialKind.Device, Role: Role.Device, TeamId: not null } device
                || credentials.Find(device.CredentialId) is not { } credential)
            {
                audit.Write(AuditKinds.Refused, http, Caller.TryFrom(http.User), "terminal session without a valid terminal token");
                throw new BadHttpRequestException(BadToken, StatusCodes.Status401Unauthorized);
            }
            var principal = device.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme);
            // Persistent and as long as the token: the phone stays on /patrol across browser restarts, as a terminal
            // holding the token itself would.
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
                new AuthenticationProperties { IsPersistent = true, IssuedUtc = credential.IssuedAt, ExpiresUtc = credential.ExpiresAt, AllowRefresh = false });
            audit.Write(AuditKinds.SignIn, http, device, $"terminal session for credential {device.CredentialId}");
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new TerminalSession(device.TeamId!, device.DisplayName, "/patrol"));
        }).AllowAnonymous().DisableAntiforgery()
            .WithTags("Sign-in")
            .WithSummary("Trade a patrol terminal's token (Authorization: Bearer) for a browser session that opens /patrol");
        return app;
    }

    /// <summary>The team the session acts for, and the page to open.</summary>
    public sealed record TerminalSession(string TeamId, string Callsign, string Home);
}
