using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Patrols;
using Command.Silo.Patrols;
using Command.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Command.Tests.Access.TwoCounties;

namespace Command.Tests.Patrols;

/// <summary>A callsign is said over the radio and read off the board: one team per callsign in the whole city.</summary>
public sealed class CallsignTests : IAsyncLifetime
{
    private readonly CommandApp app = new();
    private HttpClient duty = null!;

    public Task InitializeAsync()
    {
        duty = app.Api("gx.duty");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("冠县车巡1组")]
    [InlineData("  冠县车巡1组 ")]
    [InlineData("冠县车巡\uFF11组")]
    public async Task ASecondTeamCannotBeCommissionedUnderACallsignTheCityUses(string callsign)
    {
        var holder = await CommandApp.Team(duty, OwnTeam);
        Assert.Equal("冠县车巡1组", holder.Callsign);

        var problem = await CommandApp.Problem(await duty.PutAsJsonAsync("/api/teams/gx-second", Definition(callsign, GuanxianId)), HttpStatusCode.Conflict);

        // The holder is named by its callsign and jurisdiction, as people know it; never by its id.
        string detail = ChineseRefusal.Check(problem);
        Assert.DoesNotContain(OwnTeam, detail);
        Assert.Contains("的巡防队冠县车巡1组", detail);
        await CommandApp.Problem(await duty.GetAsync("/api/teams/gx-second"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ACallsignHeldOutsideTheCallersJurisdictionIsRefusedWithoutNamingTheTeam()
    {
        var shenxian = await CommandApp.Team(app.Api("lc.duty"), ShenxianTeam);

        var problem = await CommandApp.Problem(await duty.PutAsJsonAsync("/api/teams/gx-copycat", Definition(shenxian.Callsign, GuanxianId)), HttpStatusCode.Conflict);

        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(shenxian.Callsign, detail);
        Assert.DoesNotContain(ShenxianTeam, detail);
        Assert.DoesNotContain(shenxian.Leader, detail);
        await CommandApp.Problem(await duty.GetAsync("/api/teams/gx-copycat"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATeamKeepsItsOwnCallsignAndARenameFreesTheOldOne()
    {
        var own = await CommandApp.Team(duty, OwnTeam);
        var definition = new { callsign = own.Callsign, mode = "vehicle", leader = own.Leader, members = own.Roster, equipment = own.Equipment, jurisdictionId = own.JurisdictionId };
        await CommandApp.Read<TeamView>(await duty.PutAsJsonAsync($"/api/teams/{OwnTeam}", definition));

        var renamed = await CommandApp.Read<TeamView>(await duty.PutAsJsonAsync($"/api/teams/{OwnTeam}", definition with { callsign = "冠县车巡1组（旧）" }));
        Assert.Equal("冠县车巡1组（旧）", renamed.Callsign);
        var taken = await CommandApp.Read<TeamView>(await duty.PutAsJsonAsync("/api/teams/gx-successor", Definition("冠县车巡1组", GuanxianId)), HttpStatusCode.Created);
        Assert.Equal("冠县车巡1组", taken.Callsign);
        await CommandApp.Problem(await duty.PutAsJsonAsync($"/api/teams/{OwnTeam}", definition), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OfTeamsCommissionedAtOnceUnderOneCallsignOnlyOneIsCommissioned()
    {
        var answers = await Task.WhenAll(Enumerable.Range(1, 8).Select(n =>
            duty.PutAsJsonAsync($"/api/teams/race-{n}", Definition("并发测试组", GuanxianId))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var teams = await CommandApp.Get<List<TeamView>>(duty, "/api/teams");
        Assert.Single(teams, t => t.Callsign == "并发测试组");
    }

    [Fact]
    public async Task TheDemoCitySeedsWithACallsignOfItsOwnForEveryTeam()
    {
        var teams = await CommandApp.Get<List<TeamView>>(app.Api("lc.duty"), "/api/teams");

        Assert.True(teams.Count >= 8 * 4, $"Only {teams.Count} demo teams were seeded.");
        Assert.Equal(teams.Count, teams.Select(t => Callsigns.Key(t.Callsign)).Distinct().Count());
        // Each went through the register: it names the demo team as the holder of its callsign.
        var register = app.Services.GetRequiredService<IGrainFactory>().GetGrain<ICallsignRegisterGrain>(CallsignRegisterGrain.RegisterKey);
        foreach (var team in teams)
        {
            Assert.Equal(team.Id, await register.Claim("probe", team.Callsign));
        }
    }

    private static object Definition(string callsign, string jurisdictionId) => new
    {
        callsign,
        mode = "foot",
        leader = "测试队长",
        members = new[] { "测试队长", "队员甲" },
        equipment = new[] { "对讲机" },
        jurisdictionId,
    };
}
