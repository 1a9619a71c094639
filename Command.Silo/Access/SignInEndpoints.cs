using Command.Abstractions.Access;
using Command.Console;
using Command.Silo.Access.Api;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Command.Silo.Access;

public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        // The login page's form post. Anti-forgery is checked here rather than by the framework, so that a form left open
        // past its token's life gets the form again with a word of explanation instead of a bare 400.
        app.MapPost("/login", async ([FromForm] SignInForm form, HttpContext http, SignInService signIn, Credentials credentials, AuditTrail audit, IAntiforgery antiforgery) =>
        {
            string returnUrl = LoginPage.LocalUrl(form.ReturnUrl);
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                audit.Write(AuditKinds.Refused, http, null, "login form without a valid anti-forgery token");
                return ConsoleEndpoints.LoginForm(http, antiforgery, returnUrl, StatusCodes.Status400BadRequest, form.Username, "登录页面已过期或来源不明，请重新输入并登录。");
            }
            UserView? user;
            try
            {
                user = await signIn.VerifyAsync(http, form.Username, form.Password);
            }
            catch (UsernameTooLongException)
            {
                // Not echoed back: the form would carry the whole of it again.
                return ConsoleEndpoints.LoginForm(http, antiforgery, returnUrl, StatusCodes.Status400BadRequest, null,
                    $"用户名过长，账号名最多 {Usernames.MaxLength} 个字符。");
            }
            catch (TooManyAttemptsException ex)
            {
                http.Response.Headers.RetryAfter = ex.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ConsoleEndpoints.LoginForm(http, antiforgery, returnUrl, StatusCodes.Status429TooManyRequests, form.Username,
                    $"登录失败次数过多，请 {ex.RetryAfterSeconds} 秒后再试。");
            }
            if (user is null)
            {
                return ConsoleEndpoints.LoginForm(http, antiforgery, returnUrl, StatusCodes.Status401Unauthorized, form.Username, "用户名或密码错误，或账号已停用。");
            }
            var caller = await credentials.IssueAsync(CredentialKind.Session, user.Username, user.DisplayName, user.Role, user.JurisdictionId, user.TeamId,
                user.Username, $"浏览器 {Truncate(http.Request.Headers.UserAgent.ToString(), 80)}");
            var session = credentials.Find(caller.CredentialId)!;
            var principal = caller.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
                new AuthenticationProperties { IsPersistent = false, IssuedUtc = session.IssuedAt, ExpiresUtc = session.ExpiresAt, AllowRefresh = false });
            audit.Write(AuditKinds.SignIn, http, caller, $"session {caller.CredentialId}");
            return Results.Redirect(returnUrl != "/" ? returnUrl : ConsoleEndpoints.HomeOf(principal));
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(AccessServiceExtensions.SignInLimit).ExcludeFromDescription();

        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");

        auth.MapPost("/token", async (TokenRequest request, HttpContext http, SignInService signIn, Credentials credentials, AuditTrail audit) =>
        {
            new Validation().Text(request.Label, 100, "label").ThrowIfInvalid();
            var user = await signIn.VerifyAsync(http, request.Username, request.Password)
                ?? throw new BadHttpRequestException("用户名或密码不对，或账号已停用；请核对后重新输入。", StatusCodes.Status401Unauthorized);
            var caller = await credentials.IssueAsync(CredentialKind.Token, user.Username, user.DisplayName, user.Role, user.JurisdictionId, user.TeamId,
                user.Username, string.IsNullOrWhiteSpace(request.Label) ? null : request.Label.Trim());
            audit.Write(AuditKinds.SignIn, http, caller, $"bearer token {caller.CredentialId}");
            return credentials.Response(caller);
        }).AllowAnonymous().RequireRateLimiting(AccessServiceExtensions.SignInLimit)
            .WithSummary("Sign in with a password and get a bearer token (for scripts and client programs)");

        auth.MapGet("/me", (Caller caller, HttpContext http, JurisdictionMap map, Credentials credentials, IAntiforgery antiforgery) => new Me(
            caller.Subject, caller.DisplayName, caller.Role, Caller.RoleLabel(caller.Role), caller.JurisdictionId,
            map.Find(caller.JurisdictionId)?.Name ?? caller.JurisdictionId, map.Find(caller.JurisdictionId)?.Level, caller.TeamId, caller.Kind,
            credentials.Find(caller.CredentialId)?.ExpiresAt, ConsoleEndpoints.HomeOf(http.User),
            IsCookie(http) ? antiforgery.GetAndStoreTokens(http).RequestToken : null))
            .WithSummary("Who is signed in; for a browser session also the anti-forgery token its page must send");

        auth.MapPost("/signout", async (Caller caller, HttpContext http, Credentials credentials, AuditTrail audit) =>
        {
            var revoked = await credentials.RevokeAsync(caller.CredentialId, caller.Actor);
            if (IsCookie(http))
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
            audit.Write(AuditKinds.SignOut, http, caller, $"credential {caller.CredentialId} revoked");
            return revoked;
        }).WithSummary("Sign out: the session or token used for this request stops working at once");

        auth.MapPost("/password", async (PasswordChangeRequest request, Caller caller, HttpContext http, SignInService signIn, Credentials credentials,
            IGrainFactory grains, PasswordPolicy passwords, AuditTrail audit) =>
        {
            if (caller.Role == Role.Device)
            {
                throw Abstractions.Runtime.CommandRejectedException.Forbidden("巡防终端没有密码，无需修改。");
            }
            passwords.Validate(request.NewPassword, "newPassword", caller.Subject);
            new Validation().Require(request.NewPassword != request.CurrentPassword, "newPassword", PasswordPolicy.SameAsCurrent).ThrowIfInvalid();
            if (await signIn.VerifyAsync(http, caller.Subject, request.CurrentPassword) is null)
            {
                throw Abstractions.Runtime.CommandRejectedException.Invalid("当前密码不对，请重新输入。");
            }
            var user = await grains.GetGrain<IUserGrain>(caller.Subject).SetPassword(request.NewPassword!, caller.Actor);
            var revoked = await credentials.RevokeAllOfAsync(caller.Subject, caller.Actor);
            audit.Write(AuditKinds.UserChanged, http, caller, $"own password changed; {revoked.Count} sessions and tokens revoked");
            return user;
        }).WithSummary("Change one's own password; every session and token of the user is revoked, so sign in again");

        return app;
    }

    /// <summary>A browser's cookie session: a person's, or a terminal's opened from its link (same credential as its token).</summary>
    private static bool IsCookie(HttpContext http) =>
        http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme == CookieAuthenticationDefaults.AuthenticationScheme;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
