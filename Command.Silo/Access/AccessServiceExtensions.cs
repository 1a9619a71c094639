using Command.Abstractions.Access;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

public static class AccessServiceExtensions
{
    /// <summary>Picks the cookie or the bearer scheme per request.</summary>
    public const string Scheme = "command";

    public const string SessionCookie = "command.session";

    public const string SignInLimit = "sign-in";

    public const string PositionLimit = "positions";

    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessOptions>(configuration.GetSection("Access"));
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidation>();
        services.AddOptions<AccessOptions>().ValidateOnStart();
        // Behind a proxy every client would share the proxy's address (one attacker would throttle the whole centre)
        // and every request would look like plain http (no Secure cookie). Only the configured proxies are believed.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<AccessOptions>>((o, access) => TrustedProxies.Apply(o, access.Value.TrustedProxies));
        services.AddSingleton(sp => new PasswordHasher<string>(Options.Create(new PasswordHasherOptions
        {
            IterationCount = sp.GetRequiredService<IOptions<AccessOptions>>().Value.PasswordIterations,
        })));
        services.AddSingleton<CredentialCache>();
        services.AddSingleton<Realtime.HubConnections>();
        services.AddSingleton<Credentials>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<DemoAccounts>();
        services.AddSingleton<Command.Console.ISignInNotice>(sp => sp.GetRequiredService<DemoAccounts>());
        services.AddSingleton<AccessScope>();
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();

        // Registered before Data Protection so that its start-up service finds the key ring already read.
        services.AddSingleton<JournalXmlRepository>();
        services.AddHostedService<JournalXmlRepository.Preload>();
        services.AddDataProtection().SetApplicationName("Command");
        services.AddOptions<KeyManagementOptions>().Configure<JournalXmlRepository>((o, repository) => o.XmlRepository = repository);

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || HubToken(context) is not null
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                // Strict: no other site can make a browser send the session, to the API or to the hub's WebSocket.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = false;
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
            })
            .AddBearerToken(o => o.Events.OnMessageReceived = c =>
            {
                // Browsers cannot set headers on a WebSocket; SignalR clients send the token in the query instead.
                c.Token ??= HubToken(c.HttpContext);
                return Task.CompletedTask;
            });
        services.AddAuthorization(AccessPolicies.Add);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "command.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddCors();
        // The same list the hub checks WebSocket origins against (AccessPipeline).
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<AccessOptions>>((o, access) => o.AddDefaultPolicy(p =>
        {
            if (access.Value.CorsOrigins.Length > 0)
            {
                // Link: a script on a configured site pages through GET /api/incidents as the console does.
                p.WithOrigins(access.Value.CorsOrigins).WithHeaders("Authorization", "Content-Type", "Accept").WithMethods("GET", "POST", "PUT").WithExposedHeaders("Link");
            }
        }));

        services.AddSingleton<RequestLimits>();
        return services;
    }

    private static string? HubToken(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Realtime.CommandHub.Path) && context.Request.Query["access_token"] is [{ Length: > 0 } token] ? token : null;
}
