using Command.Abstractions.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Command.Silo.Access;

/// <summary>
/// Answers an unauthenticated request 401 and a refused one 403, both as problem+json with a detail a person can act
/// on; a refusal is also written to the audit journal. (The default handler would let the cookie scheme redirect an
/// API call to a login page.)
/// </summary>
public sealed class AccessResultHandler(AuditTrail audit, IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 401, Title = "Sign-in required", Detail = AccessProblems.SignInRequired },
            });
            return;
        }
        if (authorizeResult.Forbidden)
        {
            var caller = Caller.TryFrom(context.User);
            // The path stays in the audit line; the person reads only who may not do it.
            string detail = caller is null ? "您没有权限进行此操作，请先登录。"
                : $"{Caller.RoleLabel(caller.Role)}无权执行此操作；如确需办理，请联系值班领导或管理员。";
            audit.Write(AuditKinds.Refused, context, caller, "role not allowed");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 403, Title = "Forbidden", Detail = detail },
            });
            return;
        }
        await fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
