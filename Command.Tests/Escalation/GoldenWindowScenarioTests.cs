using System.Net;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Tests.Support;

namespace Command.Tests.Escalation;

/// <summary>The golden window and the escalation ladder, entirely on the fake clock.</summary>
public sealed class GoldenWindowScenarioTests : IAsyncLifetime
{
    private readonly CommandApp app = new(rules: TestRules.FirstTeamOnly(firstTeamMinutes: 15, acknowledgeMinutes: 10));
    private HttpClient api = null!;

    public Task InitializeAsync()
    {
        api = app.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<List<EscalationView>> Escalations(bool open = false) =>
        CommandApp.Get<List<EscalationView>>(api, open ? "/api/escalations?open=true" : "/api/escalations");

    private Task<IncidentDetail> Detail(IncidentDetail incident) => CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}");

    /// <summary>Moves the clock and waits until the escalations reach the expected count.</summary>
    private async Task<List<EscalationView>> AdvanceTo(DateTimeOffset at, int expectedEscalations)
    {
        app.Time.SetUtcNow(at);
        return await Eventually.Get(() => Escalations(), e => e.Count == expectedEscalations, $"{expectedEscalations} escalations at {at:O}");
    }

    [Fact]
    public async Task MassIncidentNobodyAttendsClimbsFromTownshipToCountyToCityUntilAcknowledged()
    {
        var t0 = app.Time.GetUtcNow();
        var incident = await app.CreateIncident(api, 115.45, 36.49, type: "massIncident", crowdSize: 300, cause: "labourDispute");
        Assert.True(incident.IsMassIncident);
        Assert.Equal(2, incident.Severity);
        Assert.Equal(JurisdictionLevel.Village, incident.JurisdictionChain[3].Level);
        var first = incident.Milestones.Single(m => m.Name == "firstTeamOnScene");
        Assert.Equal((t0.AddMinutes(15), MilestoneState.Pending), (first.DueAt, first.State));

        Assert.Empty(await AdvanceTo(t0.AddMinutes(14).AddSeconds(59), 0));

        // 15 min: the first milestone breaches; the township is told.
        var township = Assert.Single(await AdvanceTo(t0.AddMinutes(15), 1));
        Assert.Equal((JurisdictionLevel.Township, "冠城关街道", EscalationTriggers.MilestoneBreached, t0.AddMinutes(15)),
            (township.Level, township.JurisdictionName, township.Trigger, township.RaisedAt));
        Assert.False(string.IsNullOrEmpty(township.LeaderOnDuty));
        Assert.Equal(MilestoneState.Breached, (await Detail(incident)).Milestones.Single(m => m.Name == "firstTeamOnScene").State);

        // 25 min: the township has not acknowledged; its leader is reminded and the county is told.
        var afterTownship = await AdvanceTo(t0.AddMinutes(25), 2);
        var county = afterTownship.Single(e => e.Level == JurisdictionLevel.County);
        Assert.Equal(("冠县", EscalationTriggers.Unacknowledged, t0.AddMinutes(25)), (county.JurisdictionName, county.Trigger, county.RaisedAt));
        var remindedTownship = afterTownship.Single(e => e.Id == township.Id);
        Assert.Equal((1, t0.AddMinutes(25)), (remindedTownship.Reminders, remindedTownship.ClimbedAt));
        Assert.Equal(("冠县", t0.AddMinutes(25)), (remindedTownship.PassedUpTo, remindedTownship.PassedUpAt!.Value));
        Assert.Equal([county.Id], (await Escalations(open: true)).Select(e => e.Id)); // one open row per case, its highest

        // 35 min: nor the county; the city is told.
        var city = (await AdvanceTo(t0.AddMinutes(35), 3)).Single(e => e.Level == JurisdictionLevel.City);
        Assert.Equal(("聊城市", t0.AddMinutes(35)), (city.JurisdictionName, city.RaisedAt));
        Assert.Equal([city.Id], (await Escalations(open: true)).Select(e => e.Id));

        // The city's leader acknowledges at 38 min: the climb stops and no reminder follows.
        app.Time.SetUtcNow(t0.AddMinutes(38));
        var acknowledged = await CommandApp.Read<EscalationView>(await CommandApp.Post(app.Api("lc.leader"), $"/api/escalations/{city.Id}/ack", new { }));
        Assert.Equal((t0.AddMinutes(38), "领导:李强(lc.leader)"), (acknowledged.AcknowledgedAt!.Value, acknowledged.AcknowledgedBy));
        app.Time.SetUtcNow(t0.AddMinutes(90));
        var final = await Escalations();
        Assert.Equal(3, final.Count);
        Assert.Equal(0, final.Single(e => e.Id == city.Id).Reminders);
        Assert.Empty(await Escalations(open: true));
        // A step passed up is the higher level's to sign for now.
        var passedUp = await CommandApp.Problem(await CommandApp.Post(app.Api("lc.leader"), $"/api/escalations/{township.Id}/ack", new { }), System.Net.HttpStatusCode.Conflict);
        Assert.Contains("已上报至冠县", ChineseRefusal.Check(passedUp));

        // A team arriving at last meets the milestone, late.
        const string teamId = "team-371525-01";
        await CommandApp.Post(api, $"/api/teams/{teamId}/positions", new { lon = 115.45, lat = 36.49 });
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId }));
        await CommandApp.Read<TeamView>(await CommandApp.Post(api, $"/api/teams/{teamId}/status", new { status = "onScene" }));
        var met = await Eventually.Get(() => Detail(incident), d => d.Milestones.Single(m => m.Name == "firstTeamOnScene").State == MilestoneState.Met, "the milestone to be met");
        var milestone = met.Milestones.Single(m => m.Name == "firstTeamOnScene");
        Assert.Equal(t0.AddMinutes(90), milestone.MetAt);

        var kinds = (await CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline")).Select(e => e.Kind).ToList();
        Assert.Equal(["milestoneBreached", "escalationRaised", "escalationReminded", "escalationClimbed", "escalationPassedUp", "escalationRaised",
                      "escalationReminded", "escalationClimbed", "escalationPassedUp", "escalationRaised", "escalationAcknowledged"],
            kinds.SkipWhile(k => k != "milestoneBreached").TakeWhile(k => k != "teamAssigned"));
    }

    [Fact]
    public async Task AcknowledgementStopsTheClimbAndKeepsTheLeadersComment()
    {
        var t0 = app.Time.GetUtcNow();
        var incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 300);
        var township = Assert.Single(await AdvanceTo(t0.AddMinutes(15), 1));

        app.Time.SetUtcNow(t0.AddMinutes(20));
        var leader = app.Api("lc.leader");
        var tooLong = await CommandApp.Problem(await CommandApp.Post(leader, $"/api/escalations/{township.Id}/ack", new { comment = new string('阅', 5000) }), System.Net.HttpStatusCode.UnprocessableEntity);
        Assert.Contains("最多只能保存", tooLong.GetRawText());
        var signed = await CommandApp.Read<EscalationView>(await CommandApp.Post(leader, $"/api/escalations/{township.Id}/ack", new { comment = "已阅，请街道书记立即到场" }));
        Assert.Equal("已阅，请街道书记立即到场", signed.AcknowledgementComment);
        var entry = (await CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline")).Single(e => e.Kind == "escalationAcknowledged");
        Assert.Equal(("领导:李强(lc.leader)", "已阅，请街道书记立即到场"), (entry.Actor, entry.Data.GetProperty("comment").GetString()));
        app.Time.SetUtcNow(t0.AddMinutes(60));

        var only = Assert.Single(await Escalations());
        Assert.Equal((t0.AddMinutes(20), 0, (DateTimeOffset?)null), (only.AcknowledgedAt!.Value, only.Reminders, only.ClimbedAt));
        Assert.Empty(await Escalations(open: true));
        Assert.Equal(0, (await Detail(incident)).Escalations!.Count(e => e.IsOpen));
    }

    [Fact]
    public async Task TeamArrivingInTimeMeetsTheMilestoneAndNothingEscalates()
    {
        var t0 = app.Time.GetUtcNow();
        var incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 300);
        var teamId = (await CommandApp.Get<List<Recommendation>>(api, $"/api/incidents/{incident.Id}/recommendations"))[0].TeamId;
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/assignments", new { teamId });
        app.Time.SetUtcNow(t0.AddMinutes(9));
        await CommandApp.Read<TeamView>(await CommandApp.Post(api, $"/api/teams/{teamId}/status", new { status = "onScene" }));

        var detail = await Eventually.Get(() => Detail(incident), d => d.Milestones[0].State == MilestoneState.Met, "the milestone to be met");
        Assert.Equal((t0.AddMinutes(9), (await CommandApp.Team(api, teamId)).Callsign), (detail.Milestones[0].MetAt!.Value, detail.Milestones[0].MetBy));
        app.Time.SetUtcNow(t0.AddMinutes(30));
        Assert.Empty(await Escalations());
    }
}
