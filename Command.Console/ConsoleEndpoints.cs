using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace Command.Console;

public static class ConsoleEndpoints
{
    /// <summary>The configuration key of an optional XYZ tile URL (e.g. an intranet tile server); no base map when unset.</summary>
    public const string TileUrlKey = "Console:TileUrl";

    /// <summary>The console's files, copied beside the silo at build time.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "console");

    /// <summary>Serves the pages: / (duty officer), /patrol (patrol leader), /leader (leaders), their assets,
    /// and /console-config.json (settings the pages read from the silo's configuration).</summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var files = new PhysicalFileProvider(Root);
        var builder = (IApplicationBuilder)app;
        builder.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        builder.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Bundle names carry no hash, so after an upgrade the browser must revalidate (a cheap 304) rather than
            // keep running last week's script against this week's API.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        foreach (var page in new[] { "patrol", "leader" })
        {
            app.MapGet("/" + page, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return Results.File(Path.Combine(Root, page + ".html"), "text/html; charset=utf-8");
            }).ExcludeFromDescription();
        }
        app.MapGet("/console-config.json", (IConfiguration configuration) =>
        {
            string? tileUrl = configuration[TileUrlKey];
            return Results.Json(new
            {
                tileUrl = string.IsNullOrWhiteSpace(tileUrl) ? null : tileUrl,
                tileAttribution = configuration["Console:TileAttribution"],
            });
        }).ExcludeFromDescription();
        return app;
    }
}
