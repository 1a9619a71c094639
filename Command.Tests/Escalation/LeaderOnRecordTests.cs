using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Tests.Support;

namespace Command.Tests.Escalation;

/// <summary>
/// 领导亲临现场 and the 三个慎用 decisions are the signed-in leader's own: who they are and their level come from the
/// account and its jurisdiction, and every record names them with their username, as the timeline does.
/// </summary>
public sealed class LeaderOnRecordTests : IAsyncLifetime
{
    // Inside 冠县 → 冠城关街道 → 吕堂社区 (see the README's first call).
    private const double SceneLon = 115.45;
    private const double SceneLat = 36.49;
    private const string Password = "Cunwei-Zhiban-2026!qx";

    private readonly CommandApp app = new();
    private HttpClient duty = null!;

    public Task InitializeAsync()
    {
        duty = app.Api("gx.duty");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<List<TimelineEntry>> Timeline(IncidentDetail incident) =>
        await CommandApp.Get<List<TimelineEntry>>(duty, $"/api/incidents/{incident.Id}/timeline");

    private Task<IncidentDetail> Detail(IncidentDetail incident) => CommandApp.Get<IncidentDetail>(duty, $"/api/incidents/{incident.Id}");

    private Task<HttpResponseMessage> CheckIn(HttpClient leader, IncidentDetail incident, object body) =>
        CommandApp.Post(leader, $"/api/incidents/{incident.Id}/leader-checkins", body);

    /// <summary>An administrator opens a leader's account in the jurisdiction of one level at the scene; the test signs in as them.</summary>
    private async Task<HttpClient> LeaderAt(string level, string username, string displayName)
    {
        var located = await CommandApp.Get<JsonElement>(duty, $"/api/jurisdictions/locate?lon={SceneLon}&lat={SceneLat}");
        string jurisdictionId = located.GetProperty("chain").EnumerateArray().Single(j => j.GetProperty("level").GetString() == level).GetProperty("id").GetString()!;
        var created = await app.Api("admin").PostAsJsonAsync("/api/users",
            new { username, displayName, role = "leader", jurisdictionId, password = Password });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return app.WithToken(await app.SignIn(username, Password));
    }

    [Fact]
    public async Task ACheckInInAnotherLeadersNameOrAtAHigherLevelIsRefusedAndRecordsNothing()
    {
        var incident = await app.CreateIncident(duty, SceneLon, SceneLat, type: "massIncident", crowdSize: 80);
        var leader = app.Api("gx.leader");

        // 冠县's leader, 赵敏, claims to be the city's 李强 at city level: the check-in that met a milestone in his name before.
        var refused = await CommandApp.Problem(await CheckIn(leader, incident,
            new { leader = "李强(lc.leader) 市委书记", level = "city", lon = SceneLon, lat = SceneLat }), HttpStatusCode.UnprocessableEntity);
        string detail = ChineseRefusal.Check(refused);
        Assert.Contains("领导填的不是当前登录的领导赵敏", detail);
        Assert.Contains("层级与赵敏的层级不符", detail);
        Assert.Contains("的县级", detail);
        var higher = await CommandApp.Problem(await CheckIn(leader, incident, new { level = "city", lon = SceneLon, lat = SceneLat }), HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("层级", ChineseRefusal.Check(higher));

        Assert.DoesNotContain(await Timeline(incident), e => e.Kind is "leaderCheckedIn" or "milestoneMet");
        Assert.Equal(MilestoneState.Pending, (await Detail(incident)).Milestones.Single(m => m.Name == "townshipLeaderOnScene").State);

        // Naming oneself, as clients written before sign-in did, is the leader's own check-in.
        var own = await CommandApp.Read<IncidentDetail>(await CheckIn(leader, incident, new { leader = "赵敏", level = "county", lon = SceneLon, lat = SceneLat }));
        Assert.Equal("领导:赵敏(gx.leader)", own.Milestones.Single(m => m.Name == "townshipLeaderOnScene").MetBy);
    }

    [Fact]
    public async Task AVillageLeaderCheckingInDoesNotMeetTheTownshipLeadersMilestone()
    {
        var incident = await app.CreateIncident(duty, SceneLon, SceneLat, type: "massIncident", crowdSize: 80);
        var village = await LeaderAt("village", "lt.cadre", "吴村长");

        var claimed = await CommandApp.Problem(await CheckIn(village, incident, new { level = "township", lon = SceneLon, lat = SceneLat }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("的村（社区）", ChineseRefusal.Check(claimed));
        var checkedIn = await CommandApp.Read<IncidentDetail>(await CheckIn(village, incident, new { title = "村委会主任", note = "已到场劝导", lon = SceneLon, lat = SceneLat }));

        var milestone = checkedIn.Milestones.Single(m => m.Name == "townshipLeaderOnScene");
        Assert.Equal(MilestoneState.Pending, milestone.State);
        Assert.Null(milestone.MetBy);
        var record = (await Timeline(incident)).Single(e => e.Kind == "leaderCheckedIn").Data;
        Assert.Equal(("领导:吴村长(lt.cadre)", "lt.cadre", "village", "村委会主任", "已到场劝导"),
            (record.GetProperty("leader").GetString(), record.GetProperty("username").GetString(), record.GetProperty("level").GetString(),
                record.GetProperty("title").GetString(), record.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task TwoLeadersOfOneNameAreToldApartOnEveryApprovalAndCheckIn()
    {
        var incident = await app.CreateIncident(duty, SceneLon, SceneLat, type: "massIncident", crowdSize: 200, cause: "environment");
        // A second 赵敏, leader of the township: only the username tells the two apart.
        var namesake = await LeaderAt("township", "gc.leader", "赵敏");
        var leader = app.Api("gx.leader");

        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/approvals", new { gate = "coerciveMeasures", reason = "有人冲击厂区大门" }));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(namesake, $"/api/incidents/{incident.Id}/approvals/coerciveMeasures/decision",
            new { approved = false, reason = "先行劝导" }));
        await CommandApp.Problem(await CommandApp.Post(namesake, $"/api/incidents/{incident.Id}/approvals/coerciveMeasures/decision",
            new { approved = true, approver = "赵敏(gx.leader)", reason = "以县领导名义批准" }), HttpStatusCode.UnprocessableEntity);
        var approved = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(leader, $"/api/incidents/{incident.Id}/approvals/coerciveMeasures/decision",
            new { approved = true, reason = "劝导无效，同意" }));
        await CommandApp.Read<IncidentDetail>(await CheckIn(namesake, incident, new { lon = SceneLon, lat = SceneLat }));

        var approval = approved.Approvals!.Single();
        Assert.Equal(("值班员:王磊(gx.duty)", "领导:赵敏(gx.leader)"), (approval.RequestedBy, approval.DecidedBy));
        var timeline = await Timeline(incident);
        Assert.Equal(["领导:赵敏(gc.leader)", "领导:赵敏(gx.leader)"],
            timeline.Where(e => e.Kind == "approvalDecided").Select(e => e.Data.GetProperty("approver").GetString()));
        Assert.Equal(["领导:赵敏(gc.leader)", "领导:赵敏(gx.leader)"], timeline.Where(e => e.Kind == "approvalDecided").Select(e => e.Actor));
        Assert.Equal("领导:赵敏(gc.leader)", timeline.Single(e => e.Kind == "leaderCheckedIn").Data.GetProperty("leader").GetString());
        Assert.Equal("领导:赵敏(gc.leader)", (await Detail(incident)).Milestones.Single(m => m.Name == "townshipLeaderOnScene").MetBy);
    }
}
