using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Command.Abstractions.Access;
using Command.Abstractions.Incidents;
using Command.Silo.Access.Api;
using Command.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using static Command.Tests.Access.TwoCounties;

namespace Command.Tests.Access;

/// <summary>Signing in: guessing is throttled and journaled, the login page works with cookies and anti-forgery
/// tokens, and a silo started without demo accounts prints its administrator's password once.</summary>
public sealed partial class SignInTests : IAsyncLifetime
{
    private readonly CommandApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EleventhFailedSignInWithinAMinuteIsThrottledAndEveryAttemptIsAudited()
    {
        var admin = app.Api("admin");
        using var anonymous = app.CreateClient();
        for (int attempt = 1; attempt <= 10; attempt++)
        {
            await CommandApp.Problem(await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = $"guess-{attempt}" }), HttpStatusCode.Unauthorized);
        }

        var eleventh = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "guess-11" });
        var problem = await CommandApp.Problem(eleventh, HttpStatusCode.TooManyRequests);
        int retryAfter = (int)eleventh.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains($"{retryAfter}秒后再试", ChineseRefusal.Check(problem));
        // Now even the right password is not checked, and the address is throttled for every username.
        await CommandApp.Problem(await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = Silo.Demo.DemoUsers.Password }), HttpStatusCode.TooManyRequests);
        await CommandApp.Problem(await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "sx.duty", password = Silo.Demo.DemoUsers.Password }), HttpStatusCode.TooManyRequests);

        var failed = await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, $"/api/audit?kind={AuditKinds.SignInFailed}"),
            entries => entries.Count >= 10, "ten failed sign-ins in the audit journal");
        Assert.Equal(10, failed.Count);
        Assert.All(failed, e => Assert.Equal(("gx.duty", "POST /api/auth/token"), (e.Who, e.What)));
        // The first throttled sign-in of the minute is written at once; the other two are summarised when it ends.
        var throttled = await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, $"/api/audit?kind={AuditKinds.SignInThrottled}"),
            entries => entries.Count >= 1, "the first throttled sign-in in the audit journal");
        Assert.Equal("gx.duty", Assert.Single(throttled).Who);

        // A minute later the address and the username may try again.
        app.Time.Advance(TimeSpan.FromMinutes(1));
        throttled = await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, $"/api/audit?kind={AuditKinds.SignInThrottled}"),
            entries => entries.Count >= 2, "the summary of the other throttled sign-ins");
        Assert.StartsWith("2 more signInThrottled", throttled[0].Detail);
        Assert.Contains("gx.duty, sx.duty", throttled[0].Detail);
        Assert.All(failed.Concat(throttled), e => Assert.False(string.IsNullOrEmpty(e.From)));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = Silo.Demo.DemoUsers.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "sx.duty", password = Silo.Demo.DemoUsers.Password })).StatusCode);
        await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, $"/api/audit?kind={AuditKinds.SignIn}"),
            entries => entries.Any(e => e.Who == "gx.duty") && entries.Any(e => e.Who == "sx.duty"), "the successful sign-ins in the audit journal");
    }

    [Fact]
    public async Task LoginPageSignsInWithACookieWhoseUnsafeCallsNeedTheAntiforgeryToken()
    {
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(token);

        // Without the form's token the post is refused before the password is looked at.
        var forged = await browser.PostAsync("/login", Form(("username", "gx.duty"), ("password", Silo.Demo.DemoUsers.Password), ("returnUrl", "/")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(Cookies(forged), c => c.StartsWith("command.session=", StringComparison.Ordinal));

        var wrong = await browser.PostAsync("/login", Form(("__RequestVerificationToken", token), ("username", "gx.duty"), ("password", "not-the-password"), ("returnUrl", "/")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("用户名或密码错误", await wrong.Content.ReadAsStringAsync());

        var signedIn = await browser.PostAsync("/login", Form(("__RequestVerificationToken", token), ("username", "gx.duty"), ("password", Silo.Demo.DemoUsers.Password), ("returnUrl", "/")));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        string session = Assert.Single(Cookies(signedIn), c => c.StartsWith("command.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);

        var me = await CommandApp.Get<Me>(browser, "/api/auth/me");
        Assert.Equal(("gx.duty", CredentialKind.Session, "/"), (me.Username, me.CredentialKind, me.Home));
        Assert.False(string.IsNullOrEmpty(me.AntiforgeryToken));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        // A cookie call that changes something must carry the page's anti-forgery token.
        var (lon, lat) = GuanxianPoint;
        var call = new { channel = 110, type = "publicOrder", lon, lat, address = "会话测试" };
        var unprotected = await browser.PostAsJsonAsync("/api/incidents", call);
        Assert.Contains("防伪令牌", ChineseRefusal.Check(await CommandApp.Problem(unprotected, HttpStatusCode.BadRequest)));
        Assert.DoesNotContain(await CommandApp.Get<List<IncidentSummary>>(browser, "/api/incidents"), i => i.Address == "会话测试");
        using var protectedCall = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = JsonContent.Create(call) };
        protectedCall.Headers.Add("X-CSRF-TOKEN", me.AntiforgeryToken);
        var filed = await CommandApp.Read<IncidentDetail>(await browser.SendAsync(protectedCall), HttpStatusCode.Created);
        Assert.Equal("值班员:王磊(gx.duty)", (await CommandApp.Get<List<TimelineEntry>>(browser, $"/api/incidents/{filed.Id}/timeline"))[0].Actor);

        // Signing out ends the session; the old cookie, replayed, is refused.
        string sessionValue = session[..session.IndexOf(';')];
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/auth/signout");
        signOut.Headers.Add("X-CSRF-TOKEN", me.AntiforgeryToken);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(signOut)).StatusCode);
        await CommandApp.Problem(await browser.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        replay.Headers.Add("Cookie", sessionValue);
        await CommandApp.Problem(await app.CreateClient().SendAsync(replay), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task FirstStartWithoutDemoPrintsTheAdministratorPasswordOnce()
    {
        var data = Directory.CreateTempSubdirectory("command-first-start-");
        try
        {
            string password;
            await using (var silo = await SiloProcess.StartAsync(data.FullName, args: ["--no-demo"]))
            {
                await Eventually.True(() => AdminPassword().IsMatch(silo.Output), "the administrator's password on the console");
                password = AdminPassword().Match(silo.Output).Groups[1].Value;
                Assert.Equal(16, password.Length);

                var response = await CommandApp.Read<TokenResponse>(await silo.Http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password }));
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users");
                request.Headers.Authorization = new("Bearer", response.AccessToken);
                var users = await CommandApp.Read<List<UserView>>(await silo.Http.SendAsync(request));
                Assert.Equal(("admin", Role.Admin, CityId), (Assert.Single(users).Username, users[0].Role, users[0].JurisdictionId));
                Assert.Equal(HttpStatusCode.Unauthorized,
                    (await silo.Http.PostAsJsonAsync("/api/auth/token", new { username = "lc.duty", password = Silo.Demo.DemoUsers.Password })).StatusCode);
            }
            // The password is on the console only: nothing the silo wrote holds it.
            foreach (var file in data.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain(password, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file.FullName)));
            }

            await using (var restarted = await SiloProcess.StartAsync(data.FullName, args: ["--no-demo"]))
            {
                Assert.Equal(HttpStatusCode.OK, (await restarted.Http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password })).StatusCode);
                // The host logs this after every start-up step, the account check included, has run.
                await Eventually.True(() => restarted.Output.Contains("Application started", StringComparison.Ordinal), "the silo's start-up to be logged");
                Assert.DoesNotContain("password:", restarted.Output);
                Assert.DoesNotContain(password, restarted.Output);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"username: admin\s+password: (\S+)")]
    private static partial Regex AdminPassword();
}
