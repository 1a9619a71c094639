using System.Net;
using Command.Abstractions.Incidents;
using Command.Abstractions.SensitivePeriods;
using Command.Tests.Support;

namespace Command.Tests.Escalation;

/// <summary>敏感时期: a city leader switches the tighter rules on for a date range; they take effect and lapse on time.</summary>
public sealed class SensitivePeriodTests : AppTest
{
    private Task<HttpResponseMessage> Declare(HttpClient client, DateTimeOffset from, DateTimeOffset to, string name = "全国两会期间") =>
        CommandApp.Post(client, "/api/sensitive-periods", new { name, from, to, reason = "上级通知：加强社会面管控" });

    private async Task<IncidentDetail> Gathering(int crowdSize) =>
        await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{(await app.CreateIncident(api, type: "publicOrder", crowdSize: crowdSize)).Id}");

    private static TimeSpan FirstTeamDue(IncidentDetail incident) =>
        incident.Milestones.Single(m => m.Name == "firstTeamOnScene").DueAt - incident.ReceivedAt;

    [Fact]
    public async Task NewCasesRunOnTheTighterRulesFromTheStartToTheEndOfThePeriod()
    {
        var t0 = app.Time.GetUtcNow();
        var declared = await CommandApp.Read<SensitivePeriodView>(await Declare(app.Api("lc.leader"), t0.AddHours(1), t0.AddHours(2)), HttpStatusCode.Created);
        Assert.Equal(("全国两会期间", false, "领导:李强(lc.leader)"), (declared.Name, declared.InForce, declared.DeclaredBy));

        // Before it: a gathering of 40 is a mass incident with 15 minutes for the first team; one of 25 is not one.
        var before = await Gathering(40);
        Assert.Equal(TimeSpan.FromMinutes(15), FirstTeamDue(before));
        Assert.False((await Gathering(25)).IsMassIncident);

        app.Time.SetUtcNow(t0.AddHours(1));
        var inForce = await Eventually.Get(() => CommandApp.Get<List<SensitivePeriodView>>(api, "/api/sensitive-periods"), l => l.Single().InForce, "the period in force");
        var during = await Gathering(40);
        Assert.Equal(TimeSpan.FromMinutes(7.5), FirstTeamDue(during));
        Assert.True((await Gathering(25)).IsMassIncident, "in a sensitive period a gathering of 20 or more is a mass incident");
        // The law's 24 hours for the written report stay as they are.
        Assert.Equal(TimeSpan.FromHours(24), during.Milestones.Single(m => m.Name == "writtenReport").DueAt - during.ReceivedAt);
        // A golden window keeps the milestones it opened with.
        Assert.Equal(TimeSpan.FromMinutes(15), FirstTeamDue(await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{before.Id}")));

        app.Time.SetUtcNow(t0.AddHours(2));
        await Eventually.Get(() => CommandApp.Get<List<SensitivePeriodView>>(api, "/api/sensitive-periods"), l => !l.Single().InForce, "the period lapsed");
        Assert.Equal(TimeSpan.FromMinutes(15), FirstTeamDue(await Gathering(40)));
    }

    [Fact]
    public async Task OnlyACityLeaderDeclaresOrEndsItAndPeriodsDoNotOverlap()
    {
        var t0 = app.Time.GetUtcNow();
        foreach (string who in new[] { "gx.leader", "lc.duty", "admin" })
        {
            var refused = await CommandApp.Problem(await Declare(app.Api(who), t0, t0.AddDays(3)), HttpStatusCode.Forbidden);
            Assert.Contains(who == "gx.leader" ? "市级领导" : "无权", ChineseRefusal.Check(refused));
        }
        var city = app.Api("lc.leader");
        var backwards = await CommandApp.Problem(await Declare(city, t0.AddDays(2), t0.AddDays(1)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("结束时间须晚于开始时间", ChineseRefusal.Check(backwards));
        await CommandApp.Problem(await CommandApp.Post(city, "/api/sensitive-periods", new { name = "", from = t0, to = t0.AddDays(1) }), HttpStatusCode.UnprocessableEntity);

        var now = await CommandApp.Read<SensitivePeriodView>(await Declare(city, t0, t0.AddDays(3), "国庆期间"), HttpStatusCode.Created);
        Assert.True(now.InForce);
        var overlap = await CommandApp.Problem(await Declare(city, t0.AddDays(1), t0.AddDays(4)), HttpStatusCode.Conflict);
        Assert.Contains("重叠", ChineseRefusal.Check(overlap));

        // Ended early by a city leader: out of force at once, on the record with who ended it.
        await CommandApp.Problem(await CommandApp.Post(app.Api("gx.leader"), $"/api/sensitive-periods/{now.Id}/end", new { }), HttpStatusCode.Forbidden);
        app.Time.Advance(TimeSpan.FromHours(5));
        var ended = await CommandApp.Read<SensitivePeriodView>(await CommandApp.Post(city, $"/api/sensitive-periods/{now.Id}/end", new { }));
        Assert.Equal((false, t0.AddHours(5), "领导:李强(lc.leader)"), (ended.InForce, ended.EndedAt, ended.EndedBy));
        Assert.Equal(TimeSpan.FromMinutes(15), FirstTeamDue(await Gathering(40)));
        await CommandApp.Problem(await CommandApp.Post(city, $"/api/sensitive-periods/{now.Id}/end", new { }), HttpStatusCode.Conflict);
        await CommandApp.Problem(await CommandApp.Post(city, "/api/sensitive-periods/sp-999/end", new { }), HttpStatusCode.NotFound);
        // Patrol leaders and duty officers read it, for the banner.
        Assert.Single(await CommandApp.Get<List<SensitivePeriodView>>(app.Api("gx.patrol"), "/api/sensitive-periods"));
    }
}
