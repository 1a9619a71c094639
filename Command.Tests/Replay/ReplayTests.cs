using System.Net;
using Command.Abstractions.Incidents;
using Command.Abstractions.Replay;
using Command.Silo.Replay;
using Command.Tests.Support;

namespace Command.Tests.Replay;

/// <summary>轨迹回放: a case played back from the stored track log and its journal.</summary>
public sealed class ReplayTests : AppTest
{
    private const string Team = "team-371525-03";

    [Fact]
    public async Task AClosedCaseReplaysItsTeamsTrackFromJustBeforeTheCallToTheCloseAndItsTimelineInOrder()
    {
        var duty = app.Api("gx.duty");
        // Long before the call: outside the replay. Shortly before it: the team's approach starts there.
        await Report(duty, 115.40, 36.45);
        app.Time.Advance(TimeSpan.FromMinutes(20));
        var before = app.Time.GetUtcNow();
        await Report(duty, 115.42, 36.47);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var incident = await app.CreateIncident(duty, 115.45, 36.49);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/assignments", new { teamId = Team }));
        await CommandApp.Post(duty, $"/api/teams/{Team}/status", new { status = "enRoute" });
        var approach = new List<(double Lon, double Lat, DateTimeOffset At)> { (115.42, 36.47, before) };
        foreach (var (lon, lat) in new[] { (115.43, 36.48), (115.44, 36.485), (115.449, 36.489) })
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            approach.Add((lon, lat, app.Time.GetUtcNow()));
            await Report(duty, lon, lat);
        }
        await CommandApp.Post(duty, $"/api/teams/{Team}/status", new { status = "onScene" });
        await Eventually.Get(() => CommandApp.Get<IncidentDetail>(duty, $"/api/incidents/{incident.Id}"), d => d.Status == IncidentStatus.OnScene, "the team on scene");
        app.Time.Advance(TimeSpan.FromMinutes(5));
        var closed = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/close", new { resolution = "现场调解，双方和解" }));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await Report(duty, 115.46, 36.50); // driving back after the close: not part of the case

        var replay = await CommandApp.Get<IncidentReplay>(app.Api("gx.leader"), $"/api/incidents/{incident.Id}/replay");

        Assert.Equal((incident.Number, incident.Type, incident.Severity, incident.Location), (replay.Case.Number, replay.Case.Type, replay.Case.Severity, replay.Case.Location));
        Assert.Equal(incident.ReceivedAt, replay.Case.ReceivedAt);
        Assert.Equal(closed.ClosedAt, replay.Case.ClosedAt);
        Assert.Equal(incident.ReceivedAt - ReplayEndpoints.Lead, replay.From);
        Assert.Equal(closed.ClosedAt, replay.To);
        var timeline = await CommandApp.Get<List<TimelineEntry>>(duty, $"/api/incidents/{incident.Id}/timeline");
        Assert.Equal(timeline.Select(e => (e.Seq, e.Kind, e.Actor, e.At)), replay.Timeline.Select(e => (e.Seq, e.Kind, e.Actor, e.At)));
        Assert.Equal("received", replay.Timeline[0].Kind);
        Assert.Equal("closed", replay.Timeline.Last(e => e.Kind == "statusChanged").Data.GetProperty("to").GetString());
        var team = Assert.Single(replay.Teams);
        Assert.Equal((Team, Command.Abstractions.Patrols.TeamMode.Vehicle), (team.TeamId, team.Mode ?? default));
        Assert.False(string.IsNullOrEmpty(team.Callsign));
        Assert.NotNull(team.EnRouteAt);
        Assert.NotNull(team.OnSceneAt);
        Assert.Equal(approach, team.Points.Select(p => (p.Lon, p.Lat, p.At)));
        Assert.Equal((4, false), (team.RecordedPoints, team.Thinned));
    }

    [Fact]
    public async Task AnOpenCaseReplaysUpToNow()
    {
        var duty = app.Api("gx.duty");
        var incident = await app.CreateIncident(duty, 115.45, 36.49);
        await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/assignments", new { teamId = Team });
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await Report(duty, 115.44, 36.48);

        var replay = await CommandApp.Get<IncidentReplay>(duty, $"/api/incidents/{incident.Id}/replay");

        Assert.Null(replay.Case.ClosedAt);
        Assert.Equal(app.Time.GetUtcNow(), replay.To);
        var points = Assert.Single(replay.Teams).Points;
        // The demo placed the team where it starts a minute before the call: that is inside the lead-in too.
        Assert.Equal((115.44, 36.48), (points[^1].Lon, points[^1].Lat));
        Assert.All(points, p => Assert.InRange(p.At, replay.From, replay.To));
    }

    [Fact]
    public async Task AnotherCountyAndAnUnknownCaseAreAnsweredAsAbsentAndPatrolLeadersMayNotReplay()
    {
        var incident = await app.CreateIncident(app.Api("gx.duty"), 115.45, 36.49);

        foreach (string outsider in new[] { "sx.duty", "sx.leader" })
        {
            ChineseRefusal.Check(await CommandApp.Problem(await app.Api(outsider).GetAsync($"/api/incidents/{incident.Id}/replay"), HttpStatusCode.NotFound));
        }
        ChineseRefusal.Check(await CommandApp.Problem(await app.Api("gx.leader").GetAsync("/api/incidents/no-such-case/replay"), HttpStatusCode.NotFound));
        await CommandApp.Problem(await app.Api("gx.patrol").GetAsync($"/api/incidents/{incident.Id}/replay"), HttpStatusCode.Forbidden);
        Assert.Equal(incident.Number, (await CommandApp.Get<IncidentReplay>(app.Api("lc.leader"), $"/api/incidents/{incident.Id}/replay")).Case.Number);
    }

    [Fact]
    public async Task TheReplayPageIsForLeadersAndDutyOfficersOthersAreSentToTheirOwnPage()
    {
        foreach (var (user, expected) in new[] { ("gx.leader", (string?)null), ("gx.duty", null), ("gx.patrol", "/patrol"), ("admin", "/admin") })
        {
            using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Authorization = new("Bearer", await app.SignIn(user));
            using var response = await client.GetAsync("/replay?incident=x");
            if (expected is null)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("轨迹回放", await response.Content.ReadAsStringAsync());
            }
            else
            {
                Assert.Equal((HttpStatusCode.Redirect, expected), (response.StatusCode, response.Headers.Location?.OriginalString));
            }
        }
    }

    [Fact]
    public void ALongTrackIsThinnedEvenlyByTimeKeepingItsEnds()
    {
        var start = new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
        // A day of one fix a second, with a burst of fast fixes in one minute that must not crowd out the rest.
        var points = Enumerable.Range(0, 86_400).Select(i => new ReplayPoint(start.AddSeconds(i), 115 + (i * 1e-6), 36))
            .Concat(Enumerable.Range(0, 6_000).Select(i => new ReplayPoint(start.AddSeconds(3_600).AddMilliseconds(i * 10), 115.5, 36.5)))
            .OrderBy(p => p.At).ToList();

        var thinned = ReplayEndpoints.Thin(points, ReplayEndpoints.MaxPointsPerTeam);

        Assert.InRange(thinned.Count, ReplayEndpoints.MaxPointsPerTeam - 10, ReplayEndpoints.MaxPointsPerTeam);
        Assert.Equal(points[0], thinned[0]);
        Assert.Equal(points[^1], thinned[^1]);
        var gaps = thinned.Zip(thinned.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToList();
        Assert.All(gaps, g => Assert.InRange(g, 1, 2 * 86_400.0 / ReplayEndpoints.MaxPointsPerTeam));
        Assert.Same(points, ReplayEndpoints.Thin(points, points.Count)); // a track within the cap is kept whole
    }

    private async Task Report(HttpClient api, double lon, double lat) =>
        Assert.Equal(HttpStatusCode.Accepted, (await CommandApp.Post(api, $"/api/teams/{Team}/positions", new { lon, lat })).StatusCode);
}
