using System.Net;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Tests.Support;

namespace Command.Tests.Patrols;

/// <summary>The patrol terminal's field work through the API: arrivals far from the scene, 处警反馈, 请求增援 with how
/// many and what kind.</summary>
public sealed class FieldWorkTests : AppTest
{
    // The scene, and a point about 1.8 km east of it.
    private const double SceneLon = 115.45, SceneLat = 36.49, FarLon = 115.47;

    [Fact]
    public async Task ArrivalFarFromTheSceneIsRefusedWithoutConfirmationAndSaysHowFar()
    {
        var (incident, teamId, terminal) = await Dispatched("massIncident");

        var problem = await CommandApp.Problem(await CommandApp.Post(terminal, $"/api/teams/{teamId}/status",
            new { status = "onScene", lon = FarLon, lat = SceneLat }), HttpStatusCode.Conflict);

        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(incident.Number, detail);
        Assert.Contains("1.8 公里", detail);
        Assert.Contains("远距离确认到场", detail);
        Assert.DoesNotMatch("[A-Za-z]", detail.Replace(incident.Number, ""));
        Assert.Equal(TeamStatus.Dispatched, (await CommandApp.Team(api, teamId)).Status);
    }

    [Fact]
    public async Task ConfirmedFarArrivalIsRecordedButMeetsTheFirstTeamMilestoneOnlyOnceTheTeamIsNear()
    {
        var (incident, teamId, terminal) = await Dispatched("massIncident");

        var team = await CommandApp.Read<TeamView>(await CommandApp.Post(terminal, $"/api/teams/{teamId}/status",
            new { status = "onScene", lon = FarLon, lat = SceneLat, confirmedFar = true }));

        Assert.Equal(TeamStatus.OnScene, team.Status);
        var onScene = await Eventually.Get(() => CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}"),
            d => d.Assignments.Single().Status == TeamStatus.OnScene, "the incident to record the team on scene");
        Assert.Equal(MilestoneState.Pending, onScene.Milestones.Single(m => m.Name == "firstTeamOnScene").State);
        var far = (await Timeline(incident)).Single(e => e.Kind == "farArrivalConfirmed");
        Assert.InRange(far.Data.GetProperty("distanceMeters").GetInt32(), 1700, 1900);
        Assert.Equal(teamId, far.Data.GetProperty("teamId").GetString());
        Assert.Contains("巡防终端", far.Actor);

        // Reported again from the scene itself, the arrival counts.
        await CommandApp.Read<TeamView>(await CommandApp.Post(terminal, $"/api/teams/{teamId}/status", new { status = "onScene", lon = SceneLon, lat = SceneLat }));
        var met = await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}");
        Assert.Equal(MilestoneState.Met, met.Milestones.Single(m => m.Name == "firstTeamOnScene").State);
        Assert.Contains(await Timeline(incident), e => e.Kind == "arrivalVerified" && e.Data.GetProperty("distanceMeters").GetInt32() < 50);
    }

    [Fact]
    public async Task ArrivalNearTheSceneOrWithoutAPositionIsAnOrdinaryArrival()
    {
        var (near, nearTeam, nearTerminal) = await Dispatched("massIncident");
        await CommandApp.Read<TeamView>(await CommandApp.Post(nearTerminal, $"/api/teams/{nearTeam}/status", new { status = "onScene", lon = SceneLon + 0.003, lat = SceneLat }));
        await Eventually.Get(() => CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{near.Id}"),
            d => d.Milestones.Single(m => m.Name == "firstTeamOnScene").State == MilestoneState.Met, "a near arrival to meet the milestone");

        // The old contract: {status} alone, as a duty officer relaying a radio report sends it.
        var (plain, plainTeam, _) = await Dispatched("publicOrder");
        Assert.Equal(TeamStatus.OnScene, (await CommandApp.Read<TeamView>(await CommandApp.Post(api, $"/api/teams/{plainTeam}/status", new { status = "onScene" }))).Status);
        Assert.DoesNotContain(await Timeline(plain), e => e.Kind == "farArrivalConfirmed");
        Assert.DoesNotContain(await Timeline(near), e => e.Kind == "farArrivalConfirmed");
    }

    [Fact]
    public async Task FieldReportGoesOntoTheTimelineEvenAfterTheTeamLeftTheScene()
    {
        var (incident, teamId, terminal) = await Dispatched("dispute");
        await CommandApp.Post(terminal, $"/api/teams/{teamId}/status", new { status = "onScene" });

        var empty = await CommandApp.Problem(await CommandApp.Post(terminal, $"/api/teams/{teamId}/field-report", new { found = " ", actions = "劝离" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("请填写现场情况和处置措施后再提交处警反馈。", empty.GetProperty("detail").GetString());
        var tooLong = await CommandApp.Problem(await CommandApp.Post(terminal, $"/api/teams/{teamId}/field-report", new { found = new string('情', 1001), actions = "劝离" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("最多 1000 字", tooLong.GetProperty("detail").GetString());

        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(terminal, $"/api/teams/{teamId}/field-report",
            new { found = "两户村民因宅基地争吵", actions = "现场调解，双方同意次日到村委会协商", peopleCount = 2, people = "张某、李某", result = "已调解" }));
        await CommandApp.Read<TeamView>(await CommandApp.Post(terminal, $"/api/teams/{teamId}/status", new { status = "returning" }));
        // After 处置完毕 the terminal names the case it has just left.
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(terminal, $"/api/teams/{teamId}/field-report",
            new { found = "补充：双方已离开", actions = "归队", incidentId = incident.Id }));

        var reports = (await Timeline(incident)).Where(e => e.Kind == "fieldReport").ToList();
        Assert.Equal(2, reports.Count);
        Assert.Equal(("两户村民因宅基地争吵", 2, "张某、李某", "已调解"), (reports[0].Data.GetProperty("found").GetString(),
            reports[0].Data.GetProperty("peopleCount").GetInt32(), reports[0].Data.GetProperty("people").GetString(), reports[0].Data.GetProperty("result").GetString()));
        Assert.Contains("巡防终端", reports[0].Actor);
    }

    [Fact]
    public async Task BackupSaysHowManyAndWhatKindAndIsNotSentTwiceWhileUnanswered()
    {
        var (incident, teamId, terminal) = await Dispatched("publicOrder");

        var asked = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(terminal, $"/api/teams/{teamId}/backup",
            new { note = "人手不够", teams = 2, kind = "vehicle", needs = new[] { "防暴", "医疗" } }));
        app.Time.Advance(TimeSpan.FromSeconds(20));
        var again = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(terminal, $"/api/teams/{teamId}/backup", new { note = "人手不够", teams = 2 }));

        Assert.NotNull(asked.BackupRequestedAt);
        Assert.Equal(asked.BackupRequestedAt, again.BackupRequestedAt);
        var entry = Assert.Single(await Timeline(incident), e => e.Kind == "backupRequested");
        Assert.Equal((2, "vehicle", "防暴,医疗"), (entry.Data.GetProperty("teams").GetInt32(), entry.Data.GetProperty("kind").GetString(),
            string.Join(",", entry.Data.GetProperty("needs").EnumerateArray().Select(n => n.GetString()))));
        var wrong = await CommandApp.Problem(await CommandApp.Post(terminal, $"/api/teams/{teamId}/backup", new { teams = 40 }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("增援数量应为 1 至 10 队，不是 40 队。", wrong.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnsweredBackupLetsTheTeamAskAgain()
    {
        var (incident, teamId, terminal) = await Dispatched("publicOrder");
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(terminal, $"/api/teams/{teamId}/backup", new { teams = 1 }));
        var second = (await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations"))[0].TeamId;
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId = second }));

        var again = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(terminal, $"/api/teams/{teamId}/backup", new { teams = 1 }));

        Assert.NotNull(again.BackupRequestedAt);
        Assert.Equal(2, (await Timeline(incident)).Count(e => e.Kind == "backupRequested"));
    }

    private async Task<(IncidentDetail Incident, string TeamId, HttpClient Terminal)> Dispatched(string type)
    {
        var incident = await app.CreateIncident(api, SceneLon, SceneLat, type: type, crowdSize: type == "massIncident" ? 300 : null);
        var teamId = (await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations"))[0].TeamId;
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId }));
        return (incident, teamId, await app.Terminal(teamId));
    }

    private Task<List<TimelineEntry>> Timeline(IncidentDetail incident) => CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline");
}
