using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Command.Abstractions.Access;
using Command.Silo.Demo;
using Command.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Command.Tests.Access;

/// <summary>
/// Behind the README's nginx, X-Forwarded-For and X-Forwarded-Proto are believed from the configured proxies only
/// (Access:TrustedProxies): each client is throttled and journaled by its own address, and its session cookie is
/// Secure when it reached the proxy over https. From anyone else those headers change nothing.
/// </summary>
public sealed partial class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.10";

    private static Dictionary<string, string?> BehindProxies() => new()
    {
        ["Access:TrustedProxies:0"] = Proxy,
        ["Access:TrustedProxies:1"] = "10.1.0.0/16",
    };

    [Fact]
    public async Task BehindATrustedProxyEachClientIsThrottledOnItsOwn()
    {
        await using var app = new CommandApp(configuration: BehindProxies());
        var admin = app.Api("admin");
        using var attacker = Via(app, Proxy, "203.0.113.7");
        for (int i = 0; i < 10; i++)
        {
            await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = $"guess-{i}", password = "guess" }), HttpStatusCode.Unauthorized);
        }
        await CommandApp.Problem(await attacker.PostAsJsonAsync("/api/auth/token", new { username = "sx.duty", password = DemoUsers.Password }), HttpStatusCode.TooManyRequests);

        // Another client of the same centre, through the other proxy: not the attacker's address, not throttled.
        using var colleague = Via(app, "10.1.2.3", "203.0.113.8");
        Assert.Equal(HttpStatusCode.OK, (await colleague.PostAsJsonAsync("/api/auth/token", new { username = "sx.duty", password = DemoUsers.Password })).StatusCode);

        var journal = await SignInThrottleTests.Settled(app, admin);
        Assert.Equal(10, journal.Count(e => e.Kind == AuditKinds.SignInFailed && e.From == "203.0.113.7"));
        Assert.Single(journal, e => e.Kind == AuditKinds.SignIn && e.From == "203.0.113.8" && e.Who == "sx.duty");
        Assert.DoesNotContain(journal, e => e.From is Proxy or "10.1.2.3");
    }

    [Fact]
    public async Task TheSessionCookieIsSecureWhenATrustedProxyForwardsHttps()
    {
        await using var app = new CommandApp(configuration: BehindProxies());
        var (session, antiforgery) = await SignInWithTheForm(app, Proxy, "203.0.113.7");
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedHeadersFromAnUntrustedSourceAreIgnored()
    {
        await using var app = new CommandApp(configuration: BehindProxies());
        var (session, _) = await SignInWithTheForm(app, "198.51.100.9", "203.0.113.7");
        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase);
        // Nor is anyone believed by default, not even the proxy's address.
        await using var unconfigured = new CommandApp();
        var (plain, _) = await SignInWithTheForm(unconfigured, Proxy, "203.0.113.7");
        Assert.DoesNotContain("secure", plain, StringComparison.OrdinalIgnoreCase);

        var signIns = (await SignInThrottleTests.Settled(app, app.Api("admin"))).Where(e => e.Kind == AuditKinds.SignIn && e.Who == "gx.duty").ToList();
        Assert.Equal("198.51.100.9", Assert.Single(signIns).From);
        var unconfiguredSignIns = (await SignInThrottleTests.Settled(unconfigured, unconfigured.Api("admin"))).Where(e => e.Kind == AuditKinds.SignIn && e.Who == "gx.duty");
        Assert.Equal(Proxy, Assert.Single(unconfiguredSignIns).From);
    }

    [Fact]
    public void AMistypedTrustedProxyStopsTheSiloAtStart()
    {
        using var app = new CommandApp(configuration: new Dictionary<string, string?> { ["Access:TrustedProxies:0"] = "10.0.0" });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Access:TrustedProxies: '10.0.0' is not an IP address", error.ToString());
    }

    /// <summary>A client whose requests reach the silo from <paramref name="peer"/>, saying they came from
    /// <paramref name="client"/> over https.</summary>
    private static HttpClient Via(CommandApp app, string peer, string client, WebApplicationFactoryClientOptions? options = null)
    {
        var http = app.From(peer, options);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return http;
    }

    /// <summary>gx.duty signs in at /login; the Set-Cookie lines of the session and of the anti-forgery token. Cookies
    /// are carried by hand: the test client talks plain http, and would keep a Secure cookie to itself.</summary>
    private static async Task<(string Session, string Antiforgery)> SignInWithTheForm(CommandApp app, string peer, string client)
    {
        using var browser = Via(app, peer, client, new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var page = await browser.GetAsync("/login");
        string antiforgery = Assert.Single(Cookies(page), c => c.StartsWith("command.csrf=", StringComparison.Ordinal));
        string token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["username"] = "gx.duty", ["password"] = DemoUsers.Password, ["returnUrl"] = "/",
            }),
        };
        post.Headers.Add("Cookie", antiforgery[..antiforgery.IndexOf(';', StringComparison.Ordinal)]);
        var signedIn = await browser.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (Assert.Single(Cookies(signedIn), c => c.StartsWith("command.session=", StringComparison.Ordinal)), antiforgery);
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
