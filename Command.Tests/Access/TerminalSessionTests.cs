using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Abstractions.Access;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using static Command.Tests.Access.TwoCounties;

namespace Command.Tests.Access;

/// <summary>
/// A terminal link (/terminal#token=…) opens /patrol on the team's phone: the token is traded for a session cookie
/// bound to the token's own credential, which opens the team's page and nothing else, acts for that team only, and
/// stops when the token is revoked.
/// </summary>
public sealed class TerminalSessionTests : IAsyncLifetime
{
    private readonly CommandApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static HttpRequestMessage Trade(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/terminal-session");
        request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    [Fact]
    public async Task ATerminalTokenOpensItsTeamsPatrolPageAndNoOtherPage()
    {
        var issued = await app.IssueTerminal(OwnTeam, "一号终端");
        using var phone = Browser();

        using var traded = await phone.SendAsync(Trade(issued.AccessToken));
        string body = await traded.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, traded.StatusCode);
        Assert.Contains(traded.Headers.GetValues("Set-Cookie"), c => c.StartsWith("command.session=", StringComparison.Ordinal));
        Assert.Null(traded.Headers.Location);
        Assert.DoesNotContain(issued.AccessToken, body, StringComparison.Ordinal);
        using (var session = JsonDocument.Parse(body))
        {
            Assert.Equal(OwnTeam, session.RootElement.GetProperty("teamId").GetString());
            Assert.Equal("/patrol", session.RootElement.GetProperty("home").GetString());
        }

        // The landing page itself holds nothing: the token never reaches the server on the way in.
        using var landing = await Browser().GetAsync("/terminal");
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains("/dist/terminal.js", await landing.Content.ReadAsStringAsync());

        using var patrol = await phone.GetAsync("/patrol");
        Assert.Equal(HttpStatusCode.OK, patrol.StatusCode);
        Assert.Contains("巡防队长终端", await patrol.Content.ReadAsStringAsync());
        foreach (string page in new[] { "/", "/leader", "/admin", "/bench.html" })
        {
            using var refused = await phone.GetAsync(page);
            Assert.True(refused.StatusCode == HttpStatusCode.Redirect, $"{page} answered {(int)refused.StatusCode} to a terminal session");
            Assert.Equal("/patrol", refused.Headers.Location?.OriginalString);
        }
        using (var login = await phone.GetAsync("/login"))
        {
            Assert.Equal("/patrol", login.Headers.Location?.OriginalString);
        }

        var me = await CommandApp.Get<JsonElement>(phone, "/api/auth/me");
        Assert.Equal("device", me.GetProperty("role").GetString());
        Assert.Equal(OwnTeam, me.GetProperty("teamId").GetString());
        Assert.Equal("巡防终端", me.GetProperty("roleLabel").GetString());
        Assert.Equal("/patrol", me.GetProperty("home").GetString());
        string antiforgery = me.GetProperty("antiforgeryToken").GetString()!;
        Assert.False(string.IsNullOrEmpty(antiforgery));
        // The cookie is the team's other pages' data only.
        await CommandApp.Problem(await phone.GetAsync($"/api/teams/{GuanxianTeam}"), HttpStatusCode.NotFound);
        await CommandApp.Problem(await phone.GetAsync("/api/users"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheTerminalSessionReadsItsAssignmentAndReportsForItsOwnTeamOnly()
    {
        var duty = app.Api("gx.duty");
        var own = await FileIncident(duty, GuanxianId);
        var other = await FileIncident(duty, GuanxianId);
        await CommandApp.Read<IncidentDetail>(await duty.PostAsJsonAsync($"/api/incidents/{own.Id}/assignments", new { teamId = OwnTeam }));
        var issued = await app.IssueTerminal(OwnTeam);
        using var phone = Browser();
        Assert.Equal(HttpStatusCode.OK, (await phone.SendAsync(Trade(issued.AccessToken))).StatusCode);
        string antiforgery = (await CommandApp.Get<JsonElement>(phone, "/api/auth/me")).GetProperty("antiforgeryToken").GetString()!;

        var team = await CommandApp.Get<TeamView>(phone, $"/api/teams/{OwnTeam}");
        Assert.Equal(own.Id, team.IncidentId);
        Assert.Equal(own.Id, (await CommandApp.Get<IncidentDetail>(phone, $"/api/incidents/{own.Id}")).Id);
        await CommandApp.Problem(await phone.GetAsync($"/api/incidents/{other.Id}"), HttpStatusCode.NotFound);

        // A change from the page's own script carries the anti-forgery token, as a person's session does.
        await CommandApp.Problem(await phone.PostAsJsonAsync($"/api/teams/{OwnTeam}/status", new { status = "enRoute" }), HttpStatusCode.BadRequest);
        using var enRoute = new HttpRequestMessage(HttpMethod.Post, $"/api/teams/{OwnTeam}/status") { Content = JsonContent.Create(new { status = "enRoute" }) };
        enRoute.Headers.Add("X-CSRF-TOKEN", antiforgery);
        Assert.Equal(TeamStatus.EnRoute, (await CommandApp.Read<TeamView>(await phone.SendAsync(enRoute))).Status);
        using var otherTeam = new HttpRequestMessage(HttpMethod.Post, $"/api/teams/{GuanxianTeam}/status") { Content = JsonContent.Create(new { status = "offDuty" }) };
        otherTeam.Headers.Add("X-CSRF-TOKEN", antiforgery);
        await CommandApp.Problem(await phone.SendAsync(otherTeam), HttpStatusCode.NotFound);

        // The timeline names the terminal as the one who reported.
        var timeline = await CommandApp.Get<JsonElement>(duty, $"/api/incidents/{own.Id}/timeline");
        Assert.Contains("巡防终端", timeline.GetRawText());
    }

    [Fact]
    public async Task RevokingTheTokenEndsTheTerminalsCookieSession()
    {
        var issued = await app.IssueTerminal(OwnTeam, "将吊销的终端");
        using var phone = Browser();
        Assert.Equal(HttpStatusCode.OK, (await phone.SendAsync(Trade(issued.AccessToken))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/patrol")).StatusCode);

        await CommandApp.Read<Credential>(await app.Api("gx.duty").PostAsync($"/api/teams/{OwnTeam}/device-tokens/{issued.TokenId}/revoke", null));

        await CommandApp.Problem(await phone.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        using var page = await phone.GetAsync("/patrol");
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("name=\"password\"", await page.Content.ReadAsStringAsync());
        // And the link cannot be used again.
        var problem = await CommandApp.Problem(await Browser().SendAsync(Trade(issued.AccessToken)), HttpStatusCode.Unauthorized);
        Assert.Contains("重新领取终端链接", ChineseRefusal.Check(problem));
    }

    [Fact]
    public async Task ABadTokenOrAPersonsTokenGetsNoTerminalSession()
    {
        using var phone = Browser();
        foreach (string token in new[] { "not-a-token", await app.SignIn("gx.patrol") })
        {
            using var refused = await phone.SendAsync(Trade(token));
            var problem = await CommandApp.Problem(refused, HttpStatusCode.Unauthorized);
            Assert.Contains("终端令牌无效", ChineseRefusal.Check(problem));
            Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("command.session=", StringComparison.Ordinal)));
        }
        using var anonymous = await phone.PostAsync("/api/auth/terminal-session", null);
        Assert.Contains("终端令牌无效", ChineseRefusal.Check(await CommandApp.Problem(anonymous, HttpStatusCode.Unauthorized)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/patrol")).StatusCode);
    }
}
