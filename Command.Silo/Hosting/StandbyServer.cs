using System.Net;
using System.Text.Json;

namespace Command.Silo.Hosting;

/// <summary>
/// What a standby silo answers on its address while the active silo holds the lease: 503 for everything, so a proxy
/// (nginx's proxy_next_upstream http_503) or a client list moves on to the active silo. The silo proper cannot listen
/// yet: it loads its state only once it holds the lease, and ASP.NET Core starts the server after loading. A person who
/// opens the standby's address directly gets a page in Chinese that retries by itself.
/// </summary>
internal sealed class StandbyServer(IConfiguration configuration, ILogger<StandbyServer> logger) : IAsyncDisposable
{
    private WebApplication? app;

    public async Task StartAsync(Func<string> reason, CancellationToken cancellationToken)
    {
        string urls = configuration["urls"] ?? SiloOptions.DefaultUrls;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        app = builder.Build();
        app.Run(context => AnswerAsync(context, reason()));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        logger.LogWarning("Standing by on {Urls}: {Reason}", urls, reason());
    }

    /// <summary>Frees the address for the silo proper, which binds it once it has loaded.</summary>
    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            app = null;
        }
    }

    private static Task AnswerAsync(HttpContext context, string reason)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = "2";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        bool page = HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
        if (page)
        {
            response.Headers.ContentSecurityPolicy = "default-src 'none'";
            response.ContentType = "text/html; charset=utf-8";
            return response.WriteAsync($"""
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
                <title>热备服务器</title></head><body><h1>本机为热备服务器</h1>
                <p>当前由另一台服务器值守，请使用主用地址。主用服务器停止后，本机将在数秒内自动接管，本页会自动刷新。</p>
                <p><small>{WebUtility.HtmlEncode(reason)}</small></p></body></html>
                """);
        }
        response.ContentType = "application/problem+json";
        return response.WriteAsync(JsonSerializer.Serialize(new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            title = "Standby",
            status = 503,
            detail = reason,
        }));
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
