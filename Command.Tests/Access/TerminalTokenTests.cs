using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Access;
using Command.Abstractions.Patrols;
using Command.Silo.Access.Api;
using Command.Tests.Support;
using static Command.Tests.Access.TwoCounties;

namespace Command.Tests.Access;

/// <summary>
/// Terminal tokens are bounded: a team holds at most three active ones, a person issues at most twenty an hour, the
/// tokens go when their issuer's account is disabled, and all of a team's terminals share one position budget.
/// </summary>
public sealed class TerminalTokenTests : IAsyncLifetime
{
    private readonly CommandApp app = new();
    private HttpClient admin = null!;
    private HttpClient duty = null!;

    public Task InitializeAsync()
    {
        admin = app.Api("admin");
        duty = app.Api("gx.duty");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AFourthTerminalTokenForATeamIsRefusedUntilTheDutyOfficerRevokesOne()
    {
        var issued = new List<TokenResponse>();
        for (int i = 1; i <= 3; i++)
        {
            issued.Add(await Issue(duty, OwnTeam, $"终端{i}"));
        }

        var problem = await CommandApp.Problem(await duty.PostAsJsonAsync($"/api/teams/{OwnTeam}/device-tokens", new { label = "终端4" }), HttpStatusCode.Conflict);
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.All(issued.Select((_, i) => $"终端{i + 1}"), label => Assert.Contains(label, detail));
        Assert.Contains("请先在登录凭据列表中吊销", detail);
        ChineseRefusal.Check(problem, null, (await CommandApp.Team(duty, OwnTeam)).Callsign);
        Assert.Equal(3, (await TokensOf(OwnTeam)).Count(c => c.RevokedAt is null));
        // Another team has its own three.
        await Issue(duty, GuanxianTeam, "他队终端");

        // The duty officer retires the lost terminal themselves; it stops at once, and a new one may be issued.
        var lost = app.WithToken(issued[0].AccessToken);
        Assert.Equal(HttpStatusCode.Accepted, (await lost.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.41, lat = 36.41 })).StatusCode);
        var revoked = await CommandApp.Read<Credential>(await duty.PostAsync($"/api/teams/{OwnTeam}/device-tokens/{issued[0].TokenId}/revoke", null));
        Assert.NotNull(revoked.RevokedAt);
        await CommandApp.Problem(await lost.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.42, lat = 36.42 }), HttpStatusCode.Unauthorized);
        var replacement = await Issue(duty, OwnTeam, "终端4");
        Assert.Equal(HttpStatusCode.Accepted,
            (await app.WithToken(replacement.AccessToken).PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.43, lat = 36.43 })).StatusCode);

        // Only a team's own tokens through its route, and only within the officer's jurisdiction.
        var other = (await TokensOf(GuanxianTeam)).Single();
        await CommandApp.Problem(await duty.PostAsync($"/api/teams/{OwnTeam}/device-tokens/{other.Id}/revoke", null), HttpStatusCode.NotFound);
        await CommandApp.Problem(await app.Api("sx.duty").PostAsync($"/api/teams/{GuanxianTeam}/device-tokens/{other.Id}/revoke", null), HttpStatusCode.NotFound);
        Assert.Null((await TokensOf(GuanxianTeam)).Single().RevokedAt);
    }

    [Fact]
    public async Task APersonIssuesAtMostTwentyTerminalTokensAnHour()
    {
        var teams = (await CommandApp.Get<List<TeamView>>(admin, "/api/teams")).Select(t => t.Id).Order(StringComparer.Ordinal).Take(22).ToList();
        var city = app.Api("lc.duty");
        foreach (string team in teams.Take(20))
        {
            await Issue(city, team, "批量终端");
        }
        // Revoking does not give the hour back.
        var first = (await TokensOf(teams[0])).Single();
        await CommandApp.Read<Credential>(await city.PostAsync($"/api/teams/{teams[0]}/device-tokens/{first.Id}/revoke", null));

        var refused = await city.PostAsJsonAsync($"/api/teams/{teams[20]}/device-tokens", new { label = "第21个" });
        var problem = await CommandApp.Problem(refused, (HttpStatusCode)429);
        int retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Contains("20", problem.GetProperty("detail").GetString());
        Assert.Empty(await TokensOf(teams[20]));

        // Someone else may still issue; and an hour later so may the first.
        await Issue(admin, teams[20], "管理员签发");
        app.Time.Advance(TimeSpan.FromSeconds(retryAfter));
        await Issue(city, teams[21], "一小时后");
    }

    [Fact]
    public async Task DisablingTheIssuerRevokesTheTerminalTokensTheyIssuedAndAPasswordResetDoesNot()
    {
        var byDuty = await Issue(duty, OwnTeam, "值班员签发");
        var byAdmin = await Issue(admin, GuanxianTeam, "管理员签发");
        var byCity = await Issue(app.Api("lc.duty"), ShenxianTeam, "市局签发");

        // A password reset is routine (a forgotten password): the terminals in the field keep their own secrets.
        await CommandApp.Read<UserView>(await admin.PostAsJsonAsync("/api/users/lc.duty/password", new { password = "reset-by-admin-1" }));
        Assert.Equal(HttpStatusCode.Accepted, (await Report(byCity, ShenxianTeam)).StatusCode);

        await CommandApp.Read<UserView>(await admin.PostAsync("/api/users/gx.duty/disable", null));

        await CommandApp.Problem(await Report(byDuty, OwnTeam), HttpStatusCode.Unauthorized);
        Assert.NotNull((await TokensOf(OwnTeam)).Single(c => c.Id == byDuty.TokenId).RevokedAt);
        Assert.Equal(HttpStatusCode.Accepted, (await Report(byAdmin, GuanxianTeam)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Report(byCity, ShenxianTeam)).StatusCode);
        var journal = await Eventually.Get(() => CommandApp.Get<List<AuditEntry>>(admin, "/api/audit"),
            entries => entries.Any(e => e.Kind == AuditKinds.UserChanged && e.Detail!.Contains("disabled gx.duty")), "the disabling in the audit journal");
        Assert.Contains("1 of them terminal tokens", journal.First(e => e.Kind == AuditKinds.UserChanged && e.Detail!.Contains("disabled gx.duty")).Detail);
    }

    [Fact]
    public async Task ATeamsTerminalsShareOnePositionBudget()
    {
        await using var limited = new CommandApp(configuration: new Dictionary<string, string?> { ["Access:PositionsPerMinute"] = "60" });
        var officer = limited.Api("gx.duty");
        var first = limited.WithToken((await Issue(officer, OwnTeam, "终端甲")).AccessToken);
        var second = limited.WithToken((await Issue(officer, OwnTeam, "终端乙")).AccessToken);
        var neighbour = limited.WithToken((await Issue(officer, GuanxianTeam, "邻队终端")).AccessToken);

        int accepted = 0;
        while ((await first.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.41, lat = 36.41 })).StatusCode == HttpStatusCode.Accepted)
        {
            Assert.True(++accepted <= 200, "The first terminal was never limited.");
        }

        // A fresh token of the same team gets what the bucket refills, not a budget of its own (60 here): it is refused
        // within a few reports, however quickly the bucket refills (10 every 10 s).
        int secondAccepted = 0;
        HttpStatusCode status;
        while ((status = (await second.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.42, lat = 36.42 })).StatusCode) == HttpStatusCode.Accepted)
        {
            Assert.True(++secondAccepted <= 20, "The team's second terminal had a position budget of its own.");
        }
        Assert.Equal((HttpStatusCode)429, status);

        // Another team, and a duty officer placing a team by hand, spend budgets of their own.
        Assert.Equal(HttpStatusCode.Accepted, (await neighbour.PostAsJsonAsync($"/api/teams/{GuanxianTeam}/positions", new { lon = 115.45, lat = 36.45 })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsJsonAsync($"/api/teams/{OwnTeam}/positions", new { lon = 115.43, lat = 36.43 })).StatusCode);
    }

    private static async Task<TokenResponse> Issue(HttpClient issuer, string team, string label) =>
        await CommandApp.Read<TokenResponse>(await issuer.PostAsJsonAsync($"/api/teams/{team}/device-tokens", new { label }), HttpStatusCode.Created);

    private async Task<List<Credential>> TokensOf(string team) =>
        await CommandApp.Get<List<Credential>>(admin, $"/api/credentials?subject={Uri.EscapeDataString("device:" + team)}");

    private Task<HttpResponseMessage> Report(TokenResponse terminal, string team) =>
        app.WithToken(terminal.AccessToken).PostAsJsonAsync($"/api/teams/{team}/positions", new { lon = 115.41, lat = 36.41 });
}
