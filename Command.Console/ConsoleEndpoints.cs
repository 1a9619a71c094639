using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Command.Console;

public static class ConsoleEndpoints
{
    /// <summary>The configuration key of an optional XYZ tile URL (e.g. an intranet tile server); no base map when unset.</summary>
    public const string TileUrlKey = "Console:TileUrl";

    /// <summary>The console's files, copied beside the silo at build time.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "console");

    /// <summary>Scripts, styles and images: public, since they hold no data and the sign-in page needs them. The pages
    /// themselves are not served here; see <see cref="MapConsole"/>.</summary>
    public static IApplicationBuilder UseConsoleAssets(this IApplicationBuilder app)
    {
        var files = new PhysicalFileProvider(Root);
        return app.UseWhen(context => !context.Request.Path.Value!.EndsWith(".html", StringComparison.OrdinalIgnoreCase), branch => branch.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Bundle names carry no hash, so after an upgrade the browser must revalidate (a cheap 304) rather than
            // keep running last week's script against this week's API.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        }));
    }

    /// <summary>
    /// The pages: / (duty officer), /patrol (patrol leader), /leader (leaders), /admin (administrators), /department (联动单位),
    /// /disputes (矛盾纠纷台账), /stats (统计研判与考核), /replay (轨迹回放), /bench.html, and
    /// /login. Without a session a page answers 401 with the sign-in form in place, so the address stays what the user
    /// asked for and sign-in comes back to it.
    /// </summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        foreach (var (path, file) in new[] { ("/", "index.html"), ("/patrol", "patrol.html"), ("/leader", "leader.html"), ("/admin", "admin.html"), ("/department", "department.html"), ("/disputes", "disputes.html"), ("/stats", "stats.html"), ("/replay", "replay.html"), ("/bench.html", BenchFile) })
        {
            app.MapGet(path, (HttpContext context, IAntiforgery antiforgery) => Page(context, antiforgery, path, file)).AllowAnonymous().ExcludeFromDescription();
        }
        // The terminal link's landing page: anonymous and holding nothing secret; its script reads the token from the
        // fragment, which the browser never sends here.
        app.MapGet("/terminal", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(Path.Combine(Root, "terminal.html"), "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            context.User.Identity?.IsAuthenticated == true
                ? Results.Redirect(LoginPage.LocalUrl(returnUrl) is var local && local != "/" ? local : HomeOf(context.User))
                : LoginForm(context, antiforgery, returnUrl ?? "/", StatusCodes.Status200OK))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/console-config.json", (IConfiguration configuration) =>
        {
            string? tileUrl = configuration[TileUrlKey];
            return Results.Json(new
            {
                tileUrl = string.IsNullOrWhiteSpace(tileUrl) ? null : tileUrl,
                tileAttribution = configuration["Console:TileAttribution"],
                // The duty desk's number, dialled from the patrol terminal.
                centrePhone = configuration["Console:CentrePhone"] is { Length: > 0 } phone ? phone : "0635-110",
            });
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>Where a user lands after signing in: each role has its own page.</summary>
    public static string HomeOf(ClaimsPrincipal user) =>
        user.IsInRole("patrolLeader") || user.IsInRole("device") ? "/patrol" : user.IsInRole("department") ? "/department" : user.IsInRole("leader") ? "/leader" : user.IsInRole("admin") ? "/admin" : "/";

    public static IResult LoginForm(HttpContext context, IAntiforgery antiforgery, string returnUrl, int status, string? username = null, string? error = null, string? info = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.CacheControl = "no-store";
        string? notice = context.RequestServices.GetService<ISignInNotice>()?.Text;
        return Results.Content(LoginPage.Render(tokens.RequestToken!, returnUrl, username, error, info, notice), "text/html; charset=utf-8", statusCode: status);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string path, string file)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return LoginForm(context, antiforgery, path + context.Request.QueryString, StatusCodes.Status401Unauthorized, info: "请先登录。");
        }
        // Each role's page; someone who opens another role's page is taken to their own (a 队长 has no dispatch desk).
        string home = HomeOf(user);
        bool allowed = path switch
        {
            // A terminal opens its team's page only (its link, /terminal, signs it in there).
            _ when user.IsInRole("device") => path == "/patrol",
            // A 联动单位 has its own page and no other.
            _ when user.IsInRole("department") => path == "/department",
            "/department" => false,
            "/admin" => user.IsInRole("admin"),
            "/" => !user.IsInRole("patrolLeader") && !user.IsInRole("admin"),
            "/leader" => user.IsInRole("leader") || user.IsInRole("dutyOfficer"),
            "/disputes" => user.IsInRole("leader") || user.IsInRole("dutyOfficer"),
            "/stats" => user.IsInRole("leader") || user.IsInRole("dutyOfficer"),
            "/replay" => user.IsInRole("leader") || user.IsInRole("dutyOfficer"),
            "/patrol" => !user.IsInRole("admin"),
            _ => !user.IsInRole("admin"),
        };
        if (!allowed)
        {
            return Results.Redirect(home);
        }
        context.Response.Headers.CacheControl = "no-cache";
        return file == BenchFile ? Results.Content(BenchPage(), "text/html; charset=utf-8")
            : Results.File(Path.Combine(Root, file), "text/html; charset=utf-8");
    }

    private const string BenchFile = "bench.html";

    /// <summary>The bench page is the duty officer's page itself with the bench bundle in place of the live feed: a
    /// copy of the page would drift from the console it measures (a panel added to one and not the other).</summary>
    private static string BenchPage()
    {
        string page = File.ReadAllText(Path.Combine(Root, "index.html"));
        string bench = page
            .Replace("/dist/console.js", "/dist/bench.js")
            .Replace("<title>聊城市社会治安指挥调度系统 · 值班员控制台</title>", "<title>性能测量 · 值班员控制台（合成数据）</title>")
            .Replace("<span class=\"subtitle\">值班员控制台</span>", "<span class=\"subtitle\">性能测量（合成巡防队，非真实数据）</span>");
        // A console page whose markup changed so that the bench would run the live feed, or look like the real
        // console, fails here loudly rather than measuring the wrong thing.
        return bench.Contains("/dist/bench.js") && !bench.Contains("/dist/console.js") && bench.Contains("性能测量（合成巡防队")
            ? bench : throw new InvalidOperationException("index.html no longer has the markers the bench page is made from.");
    }
}
