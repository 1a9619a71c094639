using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace Command.Console;

public static class ConsoleEndpoints
{
    /// <summary>The console's files, copied beside the silo at build time.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "console");

    /// <summary>Serves the pages: / (duty officer), /patrol (patrol leader), /leader (leaders), and their assets.</summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var files = new PhysicalFileProvider(Root);
        var builder = (IApplicationBuilder)app;
        builder.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        builder.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        foreach (var page in new[] { "patrol", "leader" })
        {
            app.MapGet("/" + page, () => Microsoft.AspNetCore.Http.Results.File(Path.Combine(Root, page + ".html"), "text/html; charset=utf-8"));
        }
        return app;
    }
}
