using System.Net;
using Command.Abstractions.Incidents;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>
/// 办结 ends an incident's record: nothing more is added to it and its golden window stays as it was. Open, no incident's
/// timeline grows without bound either: reports are capped in length and in number, and so are the other entries people add.
/// </summary>
public sealed class ClosedIncidentTests : IAsyncLifetime
{
    private const double SceneLon = 115.45;
    private const double SceneLat = 36.49;

    private CommandApp app = new();
    private HttpClient duty = null!;

    public Task InitializeAsync()
    {
        duty = app.Api("gx.duty");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<List<TimelineEntry>> Timeline(IncidentDetail incident) =>
        await CommandApp.Get<List<TimelineEntry>>(duty, $"/api/incidents/{incident.Id}/timeline");

    private Task<HttpResponseMessage> Report(IncidentDetail incident, string text, string kind = "informationReport") =>
        CommandApp.Post(duty, $"/api/incidents/{incident.Id}/reports", new { kind, text });

    /// <summary>A host whose limits on one incident are configured small, so a test reaches them in a few requests.</summary>
    private async Task UseLimits(string name, int value)
    {
        await app.DisposeAsync();
        app = new CommandApp(configuration: new Dictionary<string, string?> { [$"Incidents:{name}"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        duty = app.Api("gx.duty");
    }

    [Fact]
    public async Task AClosedIncidentRefusesReportsAndEveryChangeAndItsMilestonesStayAsTheyWere()
    {
        var incident = await app.CreateIncident(duty, SceneLon, SceneLat, type: "massIncident", crowdSize: 200, cause: "environment");
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/approvals", new { gate = "weapons", reason = "有人持械" }));
        var closed = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/close", new { resolution = "人群已劝离" }));
        int recorded = (await Timeline(incident)).Count;

        var leader = app.Api("gx.leader");
        string path = $"/api/incidents/{incident.Id}";
        var attempts = new (HttpClient Who, string Path, object Body)[]
        {
            (duty, $"{path}/reports", new { kind = "writtenReport", text = "24小时书面报告：事件经过、处置情况、下一步工作。" }),
            (duty, $"{path}/crowd", new { crowdSize = 1200 }),
            (duty, $"{path}/severity", new { severity = 1, reason = "事态扩大" }),
            (duty, $"{path}/mass", new { cause = "other" }),
            (duty, $"{path}/approvals", new { gate = "policeForce", reason = "增派警力" }),
            (duty, $"{path}/measures", new { gate = "weapons", note = "使用警械" }),
            (duty, $"{path}/handling", new { note = "继续处置" }),
            (duty, $"{path}/assignments", new { teamId = "team-371525-01" }),
            (leader, $"{path}/leader-checkins", new { lon = SceneLon, lat = SceneLat }),
            (leader, $"{path}/approvals/weapons/decision", new { approved = true, reason = "同意" }),
        };
        foreach (var (who, target, body) in attempts)
        {
            var refused = await CommandApp.Problem(await CommandApp.Post(who, target, body), HttpStatusCode.Conflict);
            Assert.Contains("已于", ChineseRefusal.Check(refused, closed.Number));
            Assert.Contains("办结", refused.GetProperty("detail").GetString());
        }

        var after = await CommandApp.Get<IncidentDetail>(duty, path);
        Assert.Equal(closed.Milestones, after.Milestones);
        Assert.Contains(after.Milestones, m => m.Name == "writtenReport" && m.State == MilestoneState.Pending);
        Assert.Equal((closed.Severity, closed.CrowdSize, closed.Version), (after.Severity, after.CrowdSize, after.Version));
        Assert.Equal(recorded, (await Timeline(incident)).Count);
    }

    [Fact]
    public async Task AReportIsAtMost4000CharactersAndAnIncidentKeepsAtMostItsCapOfReports()
    {
        await UseLimits("MaxReportsPerIncident", 3);
        var incident = await app.CreateIncident(duty, SceneLon, SceneLat, type: "massIncident", crowdSize: 80);

        var tooLong = await CommandApp.Problem(await Report(incident, new string('报', 4_001)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("报告内容有4001个字，最多只能保存4000个字", ChineseRefusal.Check(tooLong));
        await CommandApp.Read<IncidentDetail>(await Report(incident, new string('报', 4_000)));
        await CommandApp.Read<IncidentDetail>(await Report(incident, "续报：现场人数下降至50人。"));
        await CommandApp.Read<IncidentDetail>(await Report(incident, "续报：现场秩序已恢复。", kind: "writtenReport"));

        var full = await CommandApp.Problem(await Report(incident, "续报：人员已全部散去。"), HttpStatusCode.Conflict);
        Assert.Contains("已有3份报告，一起警情最多保存3份", ChineseRefusal.Check(full, incident.Number));
        Assert.Equal(3, (await Timeline(incident)).Count(e => e.Kind == "reportSubmitted"));
    }

    [Fact]
    public async Task OtherEntriesPeopleAddAreCappedPerIncidentButClosingNeverIs()
    {
        await UseLimits("MaxUpdatesPerIncident", 4);
        var incident = await app.CreateIncident(duty, SceneLon, SceneLat, type: "massIncident", crowdSize: 80);
        foreach (int crowd in new[] { 81, 82, 83, 84 })
        {
            await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = crowd }));
        }

        var crowdFull = await CommandApp.Problem(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = 81 }), HttpStatusCode.Conflict);
        Assert.Contains("一起警情最多保存4条", ChineseRefusal.Check(crowdFull, incident.Number));
        await CommandApp.Problem(await CommandApp.Post(app.Api("gx.leader"), $"/api/incidents/{incident.Id}/leader-checkins", new { lon = SceneLon, lat = SceneLat }),
            HttpStatusCode.Conflict);
        Assert.Equal(4, (await Timeline(incident)).Count(e => e.Kind == "crowdRevised"));

        var closed = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/close", new { resolution = "已劝离" }));
        Assert.Equal(IncidentStatus.Closed, closed.Status);
    }
}
