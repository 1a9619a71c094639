using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Command.Benchmarks.Load;

/// <summary>
/// The HTTP ingest baseline: a Kestrel of its own in the same process, with one endpoint at the silo's position path
/// that reads the same JSON body and answers 202. No authentication, no rate limiter, no grain: what the same client
/// gets from the web server alone, so the silo's rate can be stated as a share of it.
/// </summary>
public sealed class BareKestrel : IAsyncDisposable
{
    private readonly WebApplication app;

    private BareKestrel(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareKestrel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/api/teams/{id}/positions", async (string id, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            return body.RootElement.TryGetProperty("lon", out _) ? Results.Accepted() : Results.BadRequest();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareKestrel(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
