using System.Net;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Tests.Support;

namespace Command.Tests.Api;

public sealed class DispatchRecommendationTests : IAsyncLifetime
{
    private const string Guanxian = "371525";
    private readonly CommandApp app = new();
    private HttpClient city = null!;

    public Task InitializeAsync()
    {
        city = app.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AnIncidentUpgradedToAMassIncidentIsOfferedOnlyTeamsWithRiotGear()
    {
        var incident = await app.CreateIncident(city);
        var before = await CommandApp.Get<List<Recommendation>>(city, $"/api/incidents/{incident.Id}/recommendations?limit=20");
        Assert.Contains(before, r => !r.Equipment!.Contains("防暴装备"));

        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(city, $"/api/incidents/{incident.Id}/mass", new { cause = "other", crowdSize = 60 }));
        var after = await CommandApp.Get<List<Recommendation>>(city, $"/api/incidents/{incident.Id}/recommendations?limit=20");

        Assert.NotEmpty(after);
        Assert.All(after, r => Assert.Contains("防暴装备", r.Equipment!));
        Assert.All(after, r => Assert.Contains(r.TeamId, before.Select(b => b.TeamId)));
    }

    [Fact]
    public async Task RecommendationsListWhatEachTeamCarries()
    {
        var incident = await app.CreateIncident(city);

        var ranked = await CommandApp.Get<List<Recommendation>>(city, $"/api/incidents/{incident.Id}/recommendations?limit=5");

        Assert.NotEmpty(ranked);
        foreach (var r in ranked)
        {
            Assert.Equal((await CommandApp.Team(city, r.TeamId)).Equipment, r.Equipment);
            Assert.False(r.Neighbouring);
        }
    }

    [Fact]
    public async Task TeamsBeyondTheArrivalCapAreNotRecommended()
    {
        await using var capped = new CommandApp(configuration: new Dictionary<string, string?> { ["Dispatch:MaxRecommendedEta"] = "00:08:00" });
        var api = capped.Api();
        var incident = await capped.CreateIncident(api);
        var all = await CommandApp.Get<List<Recommendation>>(app.Api(), $"/api/incidents/{(await app.CreateIncident(city)).Id}/recommendations?limit=50");
        Assert.Contains(all, r => r.EtaSeconds > 480);

        var ranked = await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations?limit=50");

        Assert.All(ranked, r => Assert.True(r.EtaSeconds <= 480, $"{r.Callsign} takes {r.EtaSeconds} s"));
        Assert.True(ranked.Count < all.Count);
    }

    [Fact]
    public async Task WithNoTeamOfItsOwnFreeACountyOfficerIsShownTheBorderingCountiesTeamsAndWhomToAsk()
    {
        var county = app.Api("gx.duty");
        var incident = await app.CreateIncident(county);
        // Every team's last fix goes stale; only the teams outside 冠县 report again, so 冠县 has nobody to send.
        app.Time.Advance(TimeSpan.FromMinutes(3));
        var teams = await CommandApp.Get<List<TeamView>>(city, "/api/teams");
        foreach (var team in teams.Where(t => !t.JurisdictionId.StartsWith(Guanxian, StringComparison.Ordinal) && t.Position is not null))
        {
            await CommandApp.Post(city, $"/api/teams/{team.Id}/positions", new { lon = team.Position!.Lon, lat = team.Position.Lat });
        }

        Assert.Empty(await CommandApp.Get<List<Recommendation>>(county, $"/api/incidents/{incident.Id}/recommendations"));
        var offered = await CommandApp.Get<List<Recommendation>>(county, $"/api/incidents/{incident.Id}/neighbour-support?limit=3");

        Assert.NotEmpty(offered);
        Assert.Equal(offered.OrderBy(r => r.EtaSeconds).Select(r => r.TeamId), offered.Select(r => r.TeamId));
        foreach (var r in offered)
        {
            Assert.True(r.Neighbouring);
            Assert.False(r.CanDispatch);
            Assert.False(string.IsNullOrEmpty(r.JurisdictionName));
            Assert.NotEqual("冠县", r.JurisdictionName);
            Assert.False(r.JurisdictionId.StartsWith(Guanxian, StringComparison.Ordinal));
            Assert.NotNull(r.Equipment);
        }
        // The city's officer may send them.
        var forCity = await CommandApp.Get<List<Recommendation>>(city, $"/api/incidents/{incident.Id}/neighbour-support?limit=3");
        Assert.All(forCity, r => Assert.True(r.CanDispatch));
        Assert.Equal(offered.Select(r => r.TeamId), forCity.Select(r => r.TeamId));
    }

    [Fact]
    public async Task NeighbourSupportOfAnIncidentOutOfSightIsNotFound()
    {
        var elsewhere = await app.CreateIncident(city, 115.98, 36.45);   // 东昌府区, outside 冠县
        var county = app.Api("gx.duty");

        await CommandApp.Problem(await county.GetAsync($"/api/incidents/{elsewhere.Id}/neighbour-support"), HttpStatusCode.NotFound);
        await CommandApp.Problem(await county.GetAsync($"/api/incidents/{elsewhere.Id}/neighbour-support?limit=0"), HttpStatusCode.NotFound);
    }
}
