using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Access;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Silo.Access.Api;
using Command.Tests.Support;
using static Command.Tests.Access.TwoCounties;

namespace Command.Tests.Access;

/// <summary>
/// Terminal tokens act for their own team only; a token that is revoked, signed out, expired, or belongs to a user who
/// was disabled or changed their password stops working at the next request; and the city's administrator reads all
/// of it in the audit journal, while a county's administrator sees only their county.
/// </summary>
public sealed class CredentialTests : IAsyncLifetime
{
    private const string NewPassword = "new-secret-2026";

    private readonly CommandApp app = new();
    private HttpClient admin = null!;
    private HttpClient duty = null!;

    public Task InitializeAsync()
    {
        admin = app.Api("admin");
        duty = app.Api("lc.duty");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task TerminalTokenReportsForItsOwnTeamAndCannotMoveAnother()
    {
        var issued = await app.IssueTerminal(OwnTeam);
        Assert.Equal(("device:" + OwnTeam, OwnTeam), (issued.Subject, issued.TeamId));
        var terminal = app.WithToken(issued.AccessToken);
        var otherBefore = await CommandApp.Team(duty, GuanxianTeam);
        var farBefore = await CommandApp.Team(duty, ShenxianTeam);

        Assert.Equal(HttpStatusCode.Accepted, (await terminal.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.401, lat = 36.401 })).StatusCode);
        var own = await CommandApp.Read<TeamView>(await terminal.PostAsJsonAsync($"/api/teams/{OwnTeam}/status", new { status = "offDuty" }));
        Assert.Equal(TeamStatus.OffDuty, own.Status);
        var seen = await CommandApp.Team(duty, OwnTeam);
        Assert.Equal((115.401, 36.401, TeamStatus.OffDuty), (seen.Position!.Lon, seen.Position.Lat, seen.Status));

        // Another team is not the terminal's to see, let alone move: in its own county or elsewhere.
        foreach (string other in new[] { GuanxianTeam, ShenxianTeam })
        {
            await CommandApp.Problem(await terminal.PostAsJsonAsync($"/api/teams/{other}/positions", new { lon = 115.401, lat = 36.401 }), HttpStatusCode.NotFound);
            await CommandApp.Problem(await terminal.PostAsJsonAsync($"/api/teams/{other}/status", new { status = "offDuty" }), HttpStatusCode.NotFound);
            await CommandApp.Problem(await terminal.PostAsJsonAsync($"/api/teams/{other}/backup", new { note = "x" }), HttpStatusCode.NotFound);
            await CommandApp.Problem(await terminal.GetAsync($"/api/teams/{other}"), HttpStatusCode.NotFound);
        }
        // A patrol leader of the same county sees the other team, and is told no rather than not found.
        var patrol = app.Api("gx.patrol");
        await CommandApp.Problem(await patrol.PostAsJsonAsync($"/api/teams/{GuanxianTeam}/positions", new { lon = 115.401, lat = 36.401 }), HttpStatusCode.Forbidden);
        await CommandApp.Problem(await patrol.PostAsJsonAsync($"/api/teams/{GuanxianTeam}/status", new { status = "offDuty" }), HttpStatusCode.Forbidden);

        foreach (var (before, after) in new[] { (otherBefore, await CommandApp.Team(duty, GuanxianTeam)), (farBefore, await CommandApp.Team(duty, ShenxianTeam)) })
        {
            Assert.Equal((before.Position, before.Status, before.Version), (after.Position, after.Status, after.Version));
        }

        // Nothing else is open to a terminal: not the teams list beyond its own, no incident but its own team's (it has
        // none now), no map. The hub lets it in for its own team's feed only (TerminalSessionTests).
        Assert.Equal([OwnTeam], (await CommandApp.Get<List<TeamView>>(terminal, "/api/teams")).Select(t => t.Id));
        Assert.Empty(await CommandApp.Get<List<IncidentSummary>>(terminal, "/api/incidents"));
        await CommandApp.Problem(await terminal.GetAsync("/api/jurisdictions"), HttpStatusCode.Forbidden);
        await CommandApp.Problem(await terminal.PostAsJsonAsync($"/api/teams/{OwnTeam}/device-tokens", new { }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RevokedTokenStopsWorkingAtTheNextRequest()
    {
        var issued = await app.IssueTerminal(OwnTeam);
        var terminal = app.WithToken(issued.AccessToken);
        Assert.Equal(HttpStatusCode.Accepted, (await terminal.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.41, lat = 36.41 })).StatusCode);

        var revoked = await CommandApp.Read<Credential>(await admin.PostAsync($"/api/credentials/{issued.TokenId}/revoke", null));
        Assert.Equal(app.Time.GetUtcNow(), revoked.RevokedAt);
        await CommandApp.Problem(await terminal.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.42, lat = 36.42 }), HttpStatusCode.Unauthorized);
        Assert.Equal(115.41, (await CommandApp.Team(duty, OwnTeam)).Position!.Lon);

        // A user's token likewise, on the API and on the hub.
        string token = await app.SignIn("gx.duty");
        var user = app.WithToken(token);
        var me = await CommandApp.Get<Me>(user, "/api/auth/me");
        var credential = (await CommandApp.Get<List<Credential>>(admin, "/api/credentials?subject=gx.duty")).Single(c => c.ExpiresAt == me.ExpiresAt && c.RevokedAt is null);
        await CommandApp.Read<Credential>(await admin.PostAsync($"/api/credentials/{credential.Id}/revoke", null));
        await CommandApp.Problem(await user.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await user.PostAsync("/hubs/command/negotiate?negotiateVersion=1", null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignedOutTokenReplayedIsRefused()
    {
        var user = app.WithToken(await app.SignIn("gx.duty"));
        var (lon, lat) = GuanxianPoint;
        var call = new { channel = 110, type = "publicOrder", lon, lat, address = "重放测试" };
        Assert.Equal(HttpStatusCode.Created, (await user.PostAsJsonAsync("/api/incidents", call)).StatusCode);
        int filed = (await CommandApp.Get<List<Abstractions.Incidents.IncidentSummary>>(duty, "/api/incidents")).Count;

        var signedOut = await CommandApp.Read<Credential>(await user.PostAsync("/api/auth/signout", null));
        Assert.NotNull(signedOut.RevokedAt);

        // The very same request again, with the very same token: refused, and nothing filed.
        await CommandApp.Problem(await user.PostAsJsonAsync("/api/incidents", call), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await user.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await user.PostAsync("/api/auth/signout", null), HttpStatusCode.Unauthorized);
        Assert.Equal(filed, (await CommandApp.Get<List<Abstractions.Incidents.IncidentSummary>>(duty, "/api/incidents")).Count);

        // A terminal can sign its own token out too.
        var terminal = app.WithToken((await app.IssueTerminal(OwnTeam)).AccessToken);
        await CommandApp.Read<Credential>(await terminal.PostAsync("/api/auth/signout", null));
        await CommandApp.Problem(await terminal.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.41, lat = 36.41 }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UserTokenExpiresAfterEightHours()
    {
        // The shared test host stretches token life so its clock can jump days; this one keeps the production default.
        await using var app = new CommandApp(configuration: new Dictionary<string, string?> { ["Access:TokenLifetime"] = new Silo.Access.AccessOptions().TokenLifetime.ToString() });
        var issuedAt = app.Time.GetUtcNow();
        var response = await CommandApp.Read<TokenResponse>(await app.CreateClient().PostAsJsonAsync("/api/auth/token",
            new { username = "gx.duty", password = Silo.Demo.DemoUsers.Password }));
        Assert.Equal((issuedAt.AddHours(8), 8 * 3600L), (response.ExpiresAt, response.ExpiresIn));
        var user = app.WithToken(response.AccessToken);

        app.Time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        await CommandApp.Get<Me>(user, "/api/auth/me");
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await CommandApp.Problem(await user.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await user.GetAsync("/api/incidents"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokingATokenClosesTheLiveFeedItOpened()
    {
        string revokedToken = await app.SignIn("gx.duty");
        await using var revoked = await HubClient.ConnectAsync(app, revokedToken);
        await using var other = await HubClient.ConnectAsync(app, await app.SignIn("gx.duty"));

        await CommandApp.Read<Credential>(await app.WithToken(revokedToken).PostAsync("/api/auth/signout", null));

        await revoked.Closed.WaitAsync(Eventually.Guard);
        var incident = await app.CreateIncident(duty, 115.45, 36.49);
        await other.ReceiveAsync("IncidentChanged", m => m.GetProperty("id").GetString() == incident.Id);
    }

    [Fact]
    public async Task DisablingAUserRevokesTheirTokensAndSignInWithThem()
    {
        var first = app.WithToken(await app.SignIn("sx.leader"));
        var second = app.WithToken(await app.SignIn("sx.leader"));
        await CommandApp.Get<Me>(first, "/api/auth/me");

        var disabled = await CommandApp.Read<UserView>(await admin.PostAsync("/api/users/sx.leader/disable", null));
        Assert.True(disabled.Disabled);
        await CommandApp.Problem(await first.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await second.GetAsync("/api/escalations"), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await SignIn("sx.leader", Silo.Demo.DemoUsers.Password), HttpStatusCode.Unauthorized);
        Assert.All(await CommandApp.Get<List<Credential>>(admin, "/api/credentials?subject=sx.leader"), c => Assert.NotNull(c.RevokedAt));

        // Enabled again, the user signs in anew; the old tokens stay dead.
        await CommandApp.Read<UserView>(await admin.PostAsync("/api/users/sx.leader/enable", null));
        Assert.Equal(HttpStatusCode.OK, (await SignIn("sx.leader", Silo.Demo.DemoUsers.Password)).StatusCode);
        await CommandApp.Problem(await first.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangingAPasswordRevokesEverySessionAndToken()
    {
        var first = app.WithToken(await app.SignIn("gx.leader"));
        var second = app.WithToken(await app.SignIn("gx.leader"));
        await CommandApp.Read<UserView>(await first.PostAsJsonAsync("/api/auth/password", new { currentPassword = Silo.Demo.DemoUsers.Password, newPassword = NewPassword }));

        await CommandApp.Problem(await first.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await second.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await SignIn("gx.leader", Silo.Demo.DemoUsers.Password), HttpStatusCode.Unauthorized);
        var fresh = app.WithToken(await app.SignIn("gx.leader", NewPassword));
        await CommandApp.Get<Me>(fresh, "/api/auth/me");

        // An administrator's reset does the same.
        await CommandApp.Read<UserView>(await admin.PostAsJsonAsync("/api/users/gx.leader/password", new { password = "reset-by-admin-1" }));
        await CommandApp.Problem(await fresh.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        await CommandApp.Get<Me>(app.WithToken(await app.SignIn("gx.leader", "reset-by-admin-1")), "/api/auth/me");
    }

    [Fact]
    public async Task CityAdministratorReadsEveryTokenEventAndRefusalInTheAuditJournal()
    {
        var issued = await app.IssueTerminal(OwnTeam);
        var terminal = app.WithToken(issued.AccessToken);
        await terminal.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.41, lat = 36.41 });
        await CommandApp.Problem(await terminal.PostAsJsonAsync($"/api/teams/{GuanxianTeam}/positions", new { lon = 115.41, lat = 36.41 }), HttpStatusCode.NotFound);
        await CommandApp.Problem(await terminal.GetAsync("/api/jurisdictions"), HttpStatusCode.Forbidden);
        await CommandApp.Read<Credential>(await admin.PostAsync($"/api/credentials/{issued.TokenId}/revoke", null));
        await CommandApp.Problem(await terminal.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.42, lat = 36.42 }), HttpStatusCode.Unauthorized);
        await CommandApp.Problem(await app.Api("gx.duty").GetAsync("/api/users"), HttpStatusCode.Forbidden);
        string device = "device:" + OwnTeam;

        var journal = await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, "/api/audit"),
            entries => entries.Any(e => e.Kind == AuditKinds.TokenRefused && e.Who == device)
                && entries.Any(e => e.Kind == AuditKinds.Refused && e.Who == "gx.duty"),
            "the refused token and the refused duty officer in the audit journal");

        var issuedEntry = Assert.Single(journal, e => e.Kind == AuditKinds.TokenIssued && e.Detail!.Contains(issued.TokenId));
        Assert.Equal(("admin", $"POST /api/teams/{OwnTeam}/device-tokens"), (issuedEntry.Who, issuedEntry.What));
        var used = Assert.Single(journal, e => e.Kind == AuditKinds.TokenUsed && e.Who == device);
        Assert.Equal((Role.Device, GuanxianId, $"POST /api/teams/{OwnTeam}/positions"), (used.Role, used.JurisdictionId, used.What));
        var revokedEntry = Assert.Single(journal, e => e.Kind == AuditKinds.TokenRevoked && e.Detail!.Contains(issued.TokenId));
        Assert.Equal("admin", revokedEntry.Who);
        var refusedToken = Assert.Single(journal, e => e.Kind == AuditKinds.TokenRefused && e.Who == device);
        Assert.Contains("revoked", refusedToken.Detail);
        Assert.Contains(journal, e => e.Kind == AuditKinds.Refused && e.Who == device && e.What == "GET /api/jurisdictions");
        Assert.Contains(journal, e => e.Kind == AuditKinds.Refused && e.Who == "gx.duty" && e.What == "GET /api/users");
        Assert.Contains(journal, e => e.Kind == AuditKinds.SignIn && e.Who == "gx.duty");
        Assert.All(journal, e => Assert.False(string.IsNullOrEmpty(e.From)));
        // Newest first.
        Assert.Equal(journal.OrderByDescending(e => e.At).Select(e => e.At), journal.Select(e => e.At));

        // The filters narrow it.
        var onlyRefused = await CommandApp.Get<List<AuditEntry>>(admin, $"/api/audit?kind={AuditKinds.TokenRefused}&who={Uri.EscapeDataString(device)}");
        Assert.Equal(refusedToken, Assert.Single(onlyRefused));
    }

    [Fact]
    public async Task CountyAdministratorManagesAndAuditsOnlyTheirCounty()
    {
        var created = await CommandApp.Read<UserView>(await admin.PostAsJsonAsync("/api/users",
            new { username = "gx.admin", displayName = "冠县管理员", role = "admin", jurisdictionId = GuanxianId, password = "county-admin-1" }), HttpStatusCode.Created);
        Assert.Equal((Role.Admin, GuanxianId), (created.Role, created.JurisdictionId));
        var county = app.WithToken(await app.SignIn("gx.admin", "county-admin-1"));

        // Activity in both counties: a refusal each, and a terminal token each.
        await CommandApp.Problem(await app.Api("gx.duty").GetAsync("/api/users"), HttpStatusCode.Forbidden);
        await CommandApp.Problem(await app.Api("sx.duty").GetAsync("/api/users"), HttpStatusCode.Forbidden);
        var shenxianTerminal = await app.IssueTerminal(ShenxianTeam);

        var users = await CommandApp.Get<List<UserView>>(county, "/api/users");
        // The county's own township and village leaders are its users too.
        Assert.Equal(["gcg.leader", "gx.120", "gx.admin", "gx.court", "gx.duty", "gx.fire", "gx.justice", "gx.leader", "gx.patrol", "gx.petition", "gx.traffic", "lt.leader"], users.Select(u => u.Username).Order());
        var cityUsers = await CommandApp.Get<List<UserView>>(admin, "/api/users");
        Assert.Contains(cityUsers, u => u.Username == "sx.duty");

        var journal = await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(county, "/api/audit"),
            entries => entries.Any(e => e.Kind == AuditKinds.Refused && e.Who == "gx.duty"), "gx.duty's refusal in the county's journal");
        Assert.All(journal, e => Assert.StartsWith(GuanxianId, e.JurisdictionId));
        await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, "/api/audit"),
            entries => entries.Any(e => e.Kind == AuditKinds.Refused && e.Who == "sx.duty"), "sx.duty's refusal in the city's journal");
        Assert.DoesNotContain(await CommandApp.Get<List<AuditEntry>>(county, "/api/audit"), e => e.Who == "sx.duty" || e.Who == "admin");

        var credentials = await CommandApp.Get<List<Credential>>(county, "/api/credentials");
        Assert.NotEmpty(credentials);
        Assert.All(credentials, c => Assert.StartsWith(GuanxianId, c.JurisdictionId));

        // Outside the county: absent, or refused when asked to create there.
        await CommandApp.Problem(await county.PostAsync("/api/users/sx.duty/disable", null), HttpStatusCode.NotFound);
        await CommandApp.Problem(await county.PostAsJsonAsync("/api/users/lc.duty/password", new { password = "taken-over-1" }), HttpStatusCode.NotFound);
        await CommandApp.Problem(await county.PostAsync($"/api/credentials/{shenxianTerminal.TokenId}/revoke", null), HttpStatusCode.NotFound);
        await CommandApp.Problem(await county.PostAsJsonAsync($"/api/teams/{ShenxianTeam}/device-tokens", new { }), HttpStatusCode.NotFound);
        await CommandApp.Problem(await county.PostAsJsonAsync("/api/users",
            new { username = "sx.extra", displayName = "越界", role = "dutyOfficer", jurisdictionId = ShenxianId, password = "county-admin-2" }), HttpStatusCode.Forbidden);
        await CommandApp.Problem(await county.PostAsJsonAsync("/api/users",
            new { username = "city.extra", displayName = "越级", role = "admin", jurisdictionId = CityId, password = "county-admin-2" }), HttpStatusCode.Forbidden);
        Assert.False((await CommandApp.Get<List<UserView>>(admin, "/api/users")).Single(u => u.Username == "sx.duty").Disabled);
        Assert.Null((await CommandApp.Get<List<Credential>>(admin, "/api/credentials")).Single(c => c.Id == shenxianTerminal.TokenId).RevokedAt);

        // Inside it, the county's administrator does an administrator's work, and sees no case data.
        await CommandApp.Read<UserView>(await county.PostAsJsonAsync("/api/users",
            new { username = "gx.duty2", displayName = "冠县值班员二", role = "dutyOfficer", jurisdictionId = GuanxianId, password = "county-duty-1" }), HttpStatusCode.Created);
        await CommandApp.Read<TokenResponse>(await county.PostAsJsonAsync($"/api/teams/{GuanxianTeam}/device-tokens", new { }), HttpStatusCode.Created);
        Assert.True((await CommandApp.Read<UserView>(await county.PostAsync("/api/users/gx.leader/disable", null))).Disabled);
        await CommandApp.Problem(await county.GetAsync("/api/incidents"), HttpStatusCode.Forbidden);
    }


    private Task<HttpResponseMessage> SignIn(string username, string password) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/token", new { username, password });
}
