using Command.Abstractions.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

public static class AccessPipeline
{
    /// <summary>
    /// Authentication, the credential check, cross-site protections, rate limits and authorization, in that order:
    /// a revoked credential is dropped before anything asks who the caller is.
    /// </summary>
    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseCors();
        app.Use(RefuseForeignHubOrigins);
        app.UseAuthentication();
        app.Use(CheckCredential);
        app.Use(RequireAntiforgeryForCookieCalls);
        app.Use(RequestLimits.Apply);
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Drops the identity of a revoked, expired or unknown credential, so the request continues as anonymous
    /// (and is answered 401 wherever sign-in is needed); audits token use.</summary>
    private static async Task CheckCredential(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var services = context.RequestServices;
            var audit = services.GetRequiredService<AuditTrail>();
            var caller = Caller.TryFrom(context.User);
            string? refusal = caller is null ? "credential without the claims of this system" : services.GetRequiredService<CredentialCache>().Refusal(caller.CredentialId);
            if (refusal is not null)
            {
                audit.Write(AuditKinds.TokenRefused, context, caller, refusal);
                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
                if (context.Request.Cookies.ContainsKey(AccessServiceExtensions.SessionCookie))
                {
                    context.Response.Cookies.Delete(AccessServiceExtensions.SessionCookie);
                }
            }
            else if (caller!.Kind != CredentialKind.Session
                && services.GetRequiredService<CredentialCache>().ShouldAuditUse(caller.CredentialId, services.GetRequiredService<IOptions<AccessOptions>>().Value.TokenUseAuditInterval))
            {
                audit.Write(AuditKinds.TokenUsed, context, caller, $"credential {caller.CredentialId}");
            }
        }
        await next(context);
    }

    /// <summary>
    /// A page's own script calls the API with the session cookie; it must also send the anti-forgery token it got from
    /// /api/auth/me. Bearer calls need none: another site cannot make a browser attach a bearer token.
    /// </summary>
    private static async Task RequireAntiforgeryForCookieCalls(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && context.Request.Path.StartsWithSegments("/api")
            && context.User.Identity?.IsAuthenticated == true
            && context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme == CookieAuthenticationDefaults.AuthenticationScheme)
        {
            try
            {
                await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                context.RequestServices.GetRequiredService<AuditTrail>().Write(AuditKinds.Refused, context, Caller.TryFrom(context.User), "missing or invalid anti-forgery token");
                throw new BadHttpRequestException("页面的安全校验已失效（缺少或无效的防伪令牌），请刷新页面后重试。", StatusCodes.Status400BadRequest);
            }
        }
        await next(context);
    }

    /// <summary>A WebSocket is not covered by CORS; a hub connection from another site's page is refused here.</summary>
    private static Task RefuseForeignHubOrigins(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(Realtime.CommandHub.Path)
            && context.Request.Headers.Origin is [{ } origin]
            && !IsSameOrigin(context, origin)
            && !context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.CorsOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            throw Abstractions.Runtime.CommandRejectedException.Forbidden("指挥系统只接受本系统页面的实时连接，请从指挥系统的地址打开页面。");
        }
        return next(context);
    }

    private static bool IsSameOrigin(HttpContext context, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
