using System.Net;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Tests.Support;

namespace Command.Tests.Api;

public sealed class IncidentFlowTests : AppTest
{
    [Fact]
    public async Task CallAtGuanxianLandsInGuanxianWithItsChain()
    {
        var incident = await app.CreateIncident(api, 115.45, 36.49);

        Assert.Equal(IncidentStatus.Received, incident.Status);
        Assert.Matches(@"^LC-\d{8}-0001$", incident.Number);
        Assert.Contains(incident.JurisdictionChain, j => j.Level == JurisdictionLevel.County && j.Name == "冠县" && j.Id == "371525");
        Assert.Equal(JurisdictionLevel.Grid, incident.JurisdictionChain[^1].Level);
        Assert.Equal(incident.JurisdictionId, incident.JurisdictionChain[^1].Id);
        Assert.False(incident.OutsideBoundary);
        Assert.Equal(4, incident.Severity);
    }

    [Fact]
    public async Task CaseNumbersRunOnWithinTheLocalDay()
    {
        var first = await app.CreateIncident(api);
        var second = await app.CreateIncident(api);

        Assert.Equal(first.Number[..^4] + "0002", second.Number);
        Assert.Equal("LC-20261121-0001", first.Number); // 02:00 UTC is 10:00 in China on the same day
    }

    [Fact]
    public async Task CallFromOutsideEveryBoundaryGoesToTheNearestAndIsFlagged()
    {
        var incident = await app.CreateIncident(api, 114.90, 36.40);

        Assert.True(incident.OutsideBoundary);
        Assert.Equal(JurisdictionLevel.Grid, incident.JurisdictionChain[^1].Level);
        Assert.Contains(incident.JurisdictionChain, j => j.Level == JurisdictionLevel.County);
    }

    [Fact]
    public async Task RecommendationsRankAvailableTeamsByEstimatedArrival()
    {
        var incident = await app.CreateIncident(api);

        var ranked = await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations?limit=5");

        Assert.Equal(5, ranked.Count);
        Assert.Equal(ranked.OrderBy(r => r.EtaSeconds).Select(r => r.TeamId), ranked.Select(r => r.TeamId));
        Assert.All(ranked, r => Assert.True(r.DistanceMeters > 0 && r.EtaSeconds > 0));
        foreach (var r in ranked)
        {
            Assert.Equal(TeamStatus.Available, (await CommandApp.Team(api, r.TeamId)).Status);
        }
    }

    [Fact]
    public async Task BusyAndStaleTeamsAreNotRecommended()
    {
        var incident = await app.CreateIncident(api);
        var before = await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations?limit=3");
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = before[0].TeamId });

        var after = await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations?limit=3");
        Assert.DoesNotContain(after, r => r.TeamId == before[0].TeamId);

        app.Time.Advance(TimeSpan.FromMinutes(3)); // nobody has reported a position since the demo started
        Assert.Empty(await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations"));
        await CommandApp.Post(api, $"/api/teams/{before[1].TeamId}/positions", new { lon = 115.46, lat = 36.49 });
        var fresh = await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations");
        Assert.Equal([before[1].TeamId], fresh.Select(r => r.TeamId));
    }

    [Fact]
    public async Task AssigningTeamMakesItDispatched()
    {
        var incident = await app.CreateIncident(api);
        var best = (await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations"))[0];

        var detail = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = best.TeamId }));

        Assert.Equal(IncidentStatus.Dispatched, detail.Status);
        Assert.Equal(best.TeamId, Assert.Single(detail.Assignments).TeamId);
        var team = await CommandApp.Team(api, best.TeamId);
        Assert.Equal(TeamStatus.Dispatched, team.Status);
        Assert.Equal(incident.Id, team.IncidentId);
    }

    [Fact]
    public async Task AssigningBusyTeamElsewhereIsRejected()
    {
        var first = await app.CreateIncident(api);
        var second = await app.CreateIncident(api, 115.46, 36.50);
        var teamId = (await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{first.Id}/recommendations"))[0].TeamId;
        await CommandApp.Post(api, $"/api/incidents/{first.Id}/assignments", new { teamId });

        var problem = await CommandApp.Problem(await CommandApp.Post(api, $"/api/incidents/{second.Id}/assignments", new { teamId }), HttpStatusCode.Conflict);

        // The officer is told which case holds the team, by its number, to judge whether to recall it from there.
        Assert.Contains("不能再派", ChineseRefusal.Check(problem, first.Number, (await CommandApp.Team(api, teamId)).Callsign));
        Assert.Equal("pickAnotherTeam", problem.GetProperty("nextStep").GetProperty("action").GetString());
        var unchanged = await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{second.Id}");
        Assert.Empty(unchanged.Assignments);
        Assert.Equal(IncidentStatus.Received, unchanged.Status);
    }

    [Fact]
    public async Task TeamReportsDriveTheIncidentToOnScene()
    {
        var incident = await app.CreateIncident(api);
        var teamId = (await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations"))[0].TeamId;
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId });

        await CommandApp.Read<TeamView>(await CommandApp.Post(api, $"/api/teams/{teamId}/status", new { status = "enRoute" }));
        await CommandApp.Read<TeamView>(await CommandApp.Post(api, $"/api/teams/{teamId}/status", new { status = "onScene" }));

        var detail = await Eventually.Get(() => CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}"),
            d => d.Status == IncidentStatus.OnScene, "the incident to record the team on scene");
        var assignment = Assert.Single(detail.Assignments);
        Assert.Equal(TeamStatus.OnScene, assignment.Status);
        Assert.NotNull(assignment.EnRouteAt);
        Assert.NotNull(detail.OnSceneAt);
    }

    [Fact]
    public async Task TeamAtTheSceneCanAskForBackupAndTheNextDispatchAnswersIt()
    {
        var incident = await app.CreateIncident(api);
        var ranked = await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations");
        var terminal = await app.Terminal(ranked[0].TeamId);
        await CommandApp.Problem(await CommandApp.Post(terminal, $"/api/teams/{ranked[0].TeamId}/backup", new { note = "人手不够" }), HttpStatusCode.Conflict);
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = ranked[0].TeamId });

        var asked = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(terminal, $"/api/teams/{ranked[0].TeamId}/backup", new { note = "人手不够" }));

        Assert.Equal(app.Time.GetUtcNow(), asked.BackupRequestedAt);
        Assert.NotNull((await CommandApp.Get<List<IncidentSummary>>(api, "/api/incidents")).Single().BackupRequestedAt);
        var entry = (await CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline")).Last();
        Assert.Equal(("backupRequested", "人手不够"), (entry.Kind, entry.Data.GetProperty("note").GetString()));
        var answered = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = ranked[1].TeamId }));
        Assert.Null(answered.BackupRequestedAt);
    }

    [Fact]
    public async Task ClosingIncidentFreesItsTeams()
    {
        var incident = await app.CreateIncident(api);
        var ranked = await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations");
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = ranked[0].TeamId });
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = ranked[1].TeamId });
        await CommandApp.Post(api, $"/api/teams/{ranked[1].TeamId}/status", new { status = "onScene" });

        var closed = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/close", new { resolution = "当事人已和解" }));

        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.Equal("当事人已和解", closed.Resolution);
        Assert.Equal(TeamStatus.Available, (await CommandApp.Team(api, ranked[0].TeamId)).Status); // had not left yet
        Assert.Equal(TeamStatus.Returning, (await CommandApp.Team(api, ranked[1].TeamId)).Status); // has to drive back
        Assert.Null((await CommandApp.Team(api, ranked[1].TeamId)).IncidentId);
        var active = await CommandApp.Get<List<IncidentSummary>>(api, "/api/incidents?active=true");
        Assert.DoesNotContain(active, i => i.Id == incident.Id);
        await CommandApp.Problem(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/close", new { resolution = "再次" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TimelineRecordsEveryStepWithActorAndTime()
    {
        var incident = await app.CreateIncident(api);
        var teamId = (await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations"))[0].TeamId;
        app.Time.Advance(TimeSpan.FromSeconds(30));
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId });
        app.Time.Advance(TimeSpan.FromSeconds(30));
        await CommandApp.Post(api, $"/api/teams/{teamId}/status", new { status = "onScene" });
        await Eventually.Get(() => CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}"), d => d.Status == IncidentStatus.OnScene, "on scene");
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/handling", new { note = "现场调解" });
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/close", new { resolution = "调解成功" });

        var timeline = await CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline");

        Assert.Equal(
            ["received", "teamAssigned", "statusChanged", "teamStatus", "statusChanged", "statusChanged", "statusChanged", "teamReleased"],
            timeline.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(1, timeline.Count).Select(i => (long)i), timeline.Select(e => e.Seq));
        Assert.All(timeline, e => Assert.False(string.IsNullOrEmpty(e.Actor)));
        Assert.Equal("值班员:张伟(lc.duty)", timeline[0].Actor);
        Assert.Equal(app.Time.GetUtcNow().AddSeconds(-60), timeline[0].At);
        Assert.Equal(timeline[0].At.AddSeconds(30), timeline[1].At);
        Assert.Equal(["dispatched", "onScene", "handling", "closed"],
            timeline.Where(e => e.Kind == "statusChanged").Select(e => e.Data.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task DispatchDeadlinePassingIsRecordedOnTheTimeline()
    {
        var incident = await app.CreateIncident(api, type: "fire", channel: 119); // severity III: 5 minutes

        app.Time.Advance(TimeSpan.FromMinutes(5));

        var detail = await Eventually.Get(() => CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}"),
            d => d.DispatchOverdueAt is not null, "派警超时 to be recorded");
        Assert.Equal(incident.ReceivedAt.AddMinutes(5), detail.DispatchOverdueAt);
        var timeline = await CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline");
        Assert.Equal("dispatchOverdue", timeline[^1].Kind);
        Assert.Equal("system", timeline[^1].Actor);
    }

    [Fact]
    public async Task DispatchingInTimeCancelsTheDeadline()
    {
        var incident = await app.CreateIncident(api, type: "fire", channel: 119);
        var teamId = (await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations"))[0].TeamId;
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId });

        app.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.DoesNotContain(await app.Store.ReadAllAsync(), r => r.GrainId == $"incident/{incident.Id}");
        var detail = await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}");
        Assert.Null(detail.DispatchOverdueAt);
    }

    [Fact]
    public async Task JurisdictionKnowsItsTeamsAndActiveIncidents()
    {
        var incident = await app.CreateIncident(api);

        var county = await CommandApp.Get<System.Text.Json.JsonElement>(api, "/api/jurisdictions/371525");

        Assert.Equal("冠县", county.GetProperty("name").GetString());
        Assert.Contains(incident.Id, county.GetProperty("activeIncidentIds").EnumerateArray().Select(e => e.GetString()));
        Assert.True(county.GetProperty("teamIds").GetArrayLength() >= 4);
        Assert.Equal("Polygon", county.GetProperty("boundary").GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(county.GetProperty("roster").GetProperty("leaderOnDuty").GetString()));
    }

    [Fact]
    public async Task LocateReturnsTheDeepestJurisdictionWithItsAncestors()
    {
        var located = await CommandApp.Get<System.Text.Json.JsonElement>(api, "/api/jurisdictions/locate?lon=115.45&lat=36.49");

        Assert.Equal("grid", located.GetProperty("jurisdiction").GetProperty("level").GetString());
        Assert.Equal(["city", "county", "township", "village", "grid"],
            located.GetProperty("chain").EnumerateArray().Select(j => j.GetProperty("level").GetString()));
    }
}
