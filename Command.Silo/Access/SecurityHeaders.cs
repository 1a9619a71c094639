namespace Command.Silo.Access;

/// <summary>
/// Headers on every answer. The pages load only their own files: no inline script or style, no other origin except an
/// intranet tile server when one is configured. API answers carry citizens' data and are never cached.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        string policy = PolicyFor(app.Configuration[Console.ConsoleEndpoints.TileUrlKey]);
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=(), payment=()";
            if (context.Request.Path.StartsWithSegments("/api"))
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
        return app;
    }

    public static string PolicyFor(string? tileUrl)
    {
        string tiles = "";
        if (!string.IsNullOrWhiteSpace(tileUrl) && Uri.TryCreate(tileUrl.Replace("{", "").Replace("}", ""), UriKind.Absolute, out var uri))
        {
            tiles = " " + uri.GetLeftPart(UriPartial.Authority);
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" + tiles +
            "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    }
}
