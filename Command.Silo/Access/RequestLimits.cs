using System.Globalization;
using System.Threading.RateLimiting;
using Command.Abstractions.Access;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

/// <summary>
/// The per-client budgets of sign-in attempts and position reports, applied to the endpoints marked with
/// <c>RequireRateLimiting</c>. ASP.NET Core's own rate-limiting middleware is not used: it starts a timer it never
/// stops, which keeps the whole request pipeline (and every silo ever started in a process, as the test host does)
/// alive. This limiter is a singleton, so the host disposes it, and its timer, when it stops.
/// </summary>
public sealed class RequestLimits : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> limiter;

    public RequestLimits(IOptions<AccessOptions> options)
    {
        // The partition factories capture numbers, never a request: a partition lives as long as it is used.
        int signIns = options.Value.SignInAttemptsPerMinute;
        int positions = options.Value.PositionsPerMinute;
        limiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Policy(http) switch
        {
            AccessServiceExtensions.SignInLimit => RateLimitPartition.GetFixedWindowLimiter("sign-in:" + AuditTrail.ClientAddress(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = signIns,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }),
            AccessServiceExtensions.PositionLimit => RateLimitPartition.GetTokenBucketLimiter("positions:" + PositionBudget(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = positions,
                TokensPerPeriod = Math.Max(1, positions / 6),
                ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                QueueLimit = 0,
            }),
            _ => RateLimitPartition.GetNoLimiter(string.Empty),
        });
    }

    public static async Task Apply(HttpContext http, RequestDelegate next)
    {
        string? policy = Policy(http);
        if (policy is null)
        {
            await next(http);
            return;
        }
        var limits = http.RequestServices.GetRequiredService<RequestLimits>();
        using var lease = await limits.limiter.AcquireAsync(http, 1, http.RequestAborted);
        if (lease.IsAcquired)
        {
            await next(http);
            return;
        }
        int retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        bool signIn = policy == AccessServiceExtensions.SignInLimit;
        http.RequestServices.GetRequiredService<AuditTrail>().Write(signIn ? AuditKinds.SignInThrottled : AuditKinds.Refused, http, Caller.TryFrom(http.User),
            $"rate limited; retry after {retry} s", repeatable: true);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = 429, Title = "请求过于频繁", Detail = $"本终端请求过于频繁，请在 {retry} 秒后再试。" },
        });
    }

    public ValueTask DisposeAsync() => limiter.DisposeAsync();

    private static string? Policy(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;

    /// <summary>
    /// Whose budget a position report spends. A team's own terminals and its leader report for that team alone, so they
    /// share the team's budget: a second token does not buy a second one. A duty officer placing teams by hand spends
    /// their own credential's.
    /// </summary>
    private static string PositionBudget(HttpContext http) => Caller.TryFrom(http.User) switch
    {
        { Role: Role.Device or Role.PatrolLeader, TeamId: { } team } => "team:" + team,
        { } caller => "credential:" + caller.CredentialId,
        null => "address:" + AuditTrail.ClientAddress(http),
    };
}
