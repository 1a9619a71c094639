using System.Net;
using Command.Tests.Support;

namespace Command.Tests.Access;

/// <summary>What protects a signed-in browser from other sites: headers on every answer, CORS closed by default, and a
/// hub that refuses pages of another origin.</summary>
public sealed class CrossSiteTests : IAsyncLifetime
{
    private readonly CommandApp app = new(configuration: new Dictionary<string, string?> { ["Access:CorsOrigins:0"] = "https://intranet.example" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    [InlineData("/api/teams")]
    [InlineData("/healthz")]
    public async Task EveryAnswerCarriesThePolicyThatForbidsInlineScriptAndFraming(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        string policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task ApiAnswersAreNeverCached()
    {
        var response = await app.Api().GetAsync("/api/incidents");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "An answer with citizens' data must not be stored by a browser or proxy.");
    }

    [Fact]
    public async Task AnotherSiteGetsNoCorsPermissionButAConfiguredOriginDoes()
    {
        var client = app.CreateClient();

        var foreign = await client.SendAsync(Preflight("https://evil.example"));
        var configured = await client.SendAsync(Preflight("https://intranet.example"));

        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"), "A site that is not configured must get no CORS permission.");
        Assert.Equal("https://intranet.example", Assert.Single(configured.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task CorsIsClosedWhenNoOriginIsConfigured()
    {
        await using var closed = new CommandApp();

        var answer = await closed.CreateClient().SendAsync(Preflight("https://intranet.example"));

        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task HubRefusesAPageOfAnotherSiteEvenWithAValidSession()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/command/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://evil.example");

        var answer = await app.Api("gx.duty").SendAsync(request);

        await CommandApp.Problem(answer, HttpStatusCode.Forbidden);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/incidents");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }
}
