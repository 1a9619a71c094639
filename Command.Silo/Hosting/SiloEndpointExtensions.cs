using Command.Silo.SensitivePeriods;
using Command.Silo.Departments;
using Command.Silo.Disputes;
using Command.Silo.Sweeps;
using Command.Silo.FollowUps;
using Command.Console;
using Command.Silo.Addresses;
using Command.Silo.Access;
using Command.Silo.Escalation;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Command.Silo.Realtime;
using Command.Silo.Replay;
using Command.Silo.Statistics;
using Command.Silo.Storage;
using Orleans.Dashboard;

namespace Command.Silo.Hosting;

public static class SiloEndpointExtensions
{
    public static WebApplication MapSilo(this WebApplication app)
    {
        // First, so that everything after it (the throttles, the audit, the cookies' Secure flag) sees the client's
        // address and scheme as a configured proxy (Access:TrustedProxies) passed them on.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseReadinessGate();
        app.Use((context, next) =>
        {
            // Kestrel enforces the limit while reading; this refuses a declared oversize body before any work,
            // and also where Kestrel is not the server (the test host).
            if (context.Request.ContentLength > SiloServiceExtensions.MaxRequestBodyBytes)
            {
                throw new BadHttpRequestException(
                    $"提交的内容有{context.Request.ContentLength}字节，最多只能提交{SiloServiceExtensions.MaxRequestBodyBytes}字节，请删减后重试。",
                    StatusCodes.Status413PayloadTooLarge);
            }
            return next(context);
        });
        app.UseUncachedDashboard();
        // Scripts and styles are public (the sign-in page needs them); everything after this needs a credential.
        app.UseConsoleAssets();
        app.UseAccess();
        app.MapOpenApi();
        app.MapHealth();
        app.MapSignIn();
        app.MapTerminalSession();
        app.MapAdministration();
        app.MapJurisdictions();
        app.MapMapLayers();
        app.MapAddresses();
        app.MapTeams();
        app.MapFieldReports();
        app.MapIncidents();
        app.MapReplay();
        app.MapNeighbourSupport();
        app.MapCaseControl();
        app.MapTransfers();
        app.MapInstructions();
        app.MapFollowUps();
        app.MapDisputes();
        app.MapColleagues();
        app.MapSweeps();
        app.MapSensitivePeriods();
        app.MapDepartments();
        app.MapIncidentSearch();
        app.MapStatistics();
        app.MapEscalation();
        app.MapHub<CommandHub>(CommandHub.Path).RequireAuthorization(AccessPolicies.Console);
        // The dashboard is Orleans' own, for operators: not part of this API's OpenAPI document.
        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(AccessPolicies.Administer).ExcludeFromDescription();
        app.MapConsole();
        return app;
    }

    /// <summary>
    /// Until the silo serves (joining its cluster, loading) and once it is stopping, every request but /healthz gets
    /// 503 with the reason and Retry-After, so a proxy moves on to a silo that serves.
    /// </summary>
    private static void UseReadinessGate(this WebApplication app)
    {
        var readiness = app.Services.GetRequiredService<Readiness>();
        app.Use((context, next) =>
        {
            if (readiness.IsReady || context.Request.Path.Equals("/healthz", StringComparison.Ordinal))
            {
                return next(context);
            }
            context.Response.Headers.RetryAfter = "2";
            // The reason is for operators, at /healthz and in the log; a page says it in the duty officer's words.
            return Results.Problem(statusCode: 503, title: "Not serving",
                detail: "指挥系统服务器正在启动或暂停服务，暂时不能处理这次操作；请几秒钟后重试，仍不行请联系系统管理员。").ExecuteAsync(context);
        });
    }

    /// <summary>
    /// Orleans' dashboard is for administrators and outside /api, where answers are not stored by default: its page and
    /// its figures must not wait in a shared browser's cache for the next user. What the dashboard sets itself stands.
    /// </summary>
    private static void UseUncachedDashboard(this WebApplication app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(DashboardPath))
            {
                context.Response.OnStarting(() =>
                {
                    if (!context.Response.Headers.ContainsKey("Cache-Control"))
                    {
                        context.Response.Headers.CacheControl = "no-store";
                    }
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });

    private const string DashboardPath = "/dashboard";

    private static void MapHealth(this WebApplication app) =>
        app.MapGet("/healthz", async (Readiness readiness, IEventJournal journal) =>
        {
            if (!readiness.IsReady)
            {
                return Results.Problem(statusCode: 503, title: "Not serving", detail: readiness.Reason);
            }
            try
            {
                await journal.ReadSnapshotAsync("healthz/probe");
            }
            catch (StorageUnavailableException ex)
            {
                return Results.Problem(statusCode: 503, title: "Storage unavailable", detail: ex.Message);
            }
            return Results.Text("serving");
        }).WithTags("Health").AllowAnonymous();
}
