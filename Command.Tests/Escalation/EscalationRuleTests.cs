using System.Net;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Tests.Support;

namespace Command.Tests.Escalation;

/// <summary>Every kind of rule fires, with the built-in county rules unless a test says otherwise.</summary>
public sealed class EscalationRuleTests : AppTest
{
    private static readonly TimeSpan AcknowledgeWithin = Silo.Escalation.RulesLoader.Load(null).AcknowledgeWithin;

    /// <summary>A criminal case (III) the duty officer raises to II for an armed assault: it escalates to its township.</summary>
    private async Task<IncidentDetail> ArmedAssaultAsync()
    {
        var incident = await app.CreateIncident(api, type: "criminal");
        return await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/severity", new { severity = 2, reason = "持械伤人" }));
    }

    private Task<List<EscalationView>> Escalations() => CommandApp.Get<List<EscalationView>>(api, "/api/escalations");

    private async Task<List<TimelineEntry>> Timeline(IncidentDetail incident) =>
        await CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline");

    [Fact]
    public async Task CrowdReachingTheThresholdMakesAMassIncidentAndEveryRevisionIsKept()
    {
        var incident = await app.CreateIncident(api, type: "dispute", crowdSize: 12);
        Assert.False(incident.IsMassIncident);

        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = 20 }));
        var mass = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = 45 }));

        Assert.True(mass.IsMassIncident);
        Assert.Equal(45, mass.CrowdSize);
        Assert.Equal(5, mass.Milestones.Count);
        var revisions = (await Timeline(incident)).Where(e => e.Kind == "crowdRevised").Select(e => e.Data.GetProperty("to").GetInt32());
        Assert.Equal([20, 45], revisions);
    }

    [Fact]
    public async Task DutyOfficerCanUpgradeToAMassIncidentWithACause()
    {
        var incident = await app.CreateIncident(api, type: "dispute");

        var mass = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/mass", new { cause = "landAcquisition", crowdSize = 60 }));

        Assert.Equal((true, "landAcquisition", 60), (mass.IsMassIncident, mass.MassCause, mass.CrowdSize));
        Assert.Equal(app.Time.GetUtcNow().AddMinutes(15), mass.Milestones.Single(m => m.Name == "firstTeamOnScene").DueAt);
        await CommandApp.Problem(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/mass", new { cause = "other" }), HttpStatusCode.Conflict);
        await CommandApp.Problem(await CommandApp.Post(api, $"/api/incidents/{(await app.CreateIncident(api)).Id}/mass", new { cause = "aliens" }), HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData(40, 4)]
    [InlineData(150, 3)]
    [InlineData(300, 2)]
    [InlineData(5000, 1)]
    [InlineData(null, 2)]
    public async Task GatheringTakesTheSeverityOfItsCrowdBandUnlessTheCallTakerGaveOne(int? crowd, int severity)
    {
        Assert.Equal(severity, (await app.CreateIncident(api, type: "massIncident", crowdSize: crowd)).Severity);
        var response = await CommandApp.Post(api, "/api/incidents", new { channel = 110, type = "massIncident", severity = 1, crowdSize = crowd, lon = 115.45, lat = 36.49 });
        Assert.Equal(1, (await CommandApp.Read<IncidentDetail>(response, HttpStatusCode.Created)).Severity);
    }

    [Fact]
    public async Task SeverityOverridesShortenTheWindowForMajorCases()
    {
        var major = await app.CreateIncident(api, type: "massIncident", crowdSize: 400, cause: "petitioning");

        Assert.Equal(2, major.Severity);
        var due = major.Milestones.ToDictionary(m => m.Name, m => m.DueAt - major.ReceivedAt);
        Assert.Equal(TimeSpan.FromMinutes(10), due["firstTeamOnScene"]);
        Assert.Equal(TimeSpan.FromMinutes(20), due["countyInformed"]); // the petitioning override comes after the severity one
        Assert.Equal(TimeSpan.FromHours(24), due["writtenReport"]);
    }

    [Fact]
    public async Task CrowdGrowingPastAStepEscalatesAndRaisesTheSeverity()
    {
        var incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 50, cause: "labourDispute");

        var grown = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = 150 }));

        Assert.Equal(3, grown.Severity);
        var escalation = Assert.Single(await Escalations());
        Assert.Equal((EscalationTriggers.CrowdGrowth, JurisdictionLevel.Township), (escalation.Trigger, escalation.Level));
        Assert.Equal("聚集人数由50人增至150人：超过100人，升级为III级", escalation.Reason);
    }

    [Fact]
    public async Task ACrowdStepIsCrossedOncePerCaseHoweverTheCrowdDipsAndRegrows()
    {
        var incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 50, cause: "labourDispute");
        async Task Crowd(int size) => await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = size }));

        await Crowd(95);
        Assert.Empty(await Escalations());
        await Crowd(105);
        await Crowd(90);
        await Crowd(105); // the same gathering back to its size: not a second crossing of 100
        var township = Assert.Single(await Escalations());
        Assert.Equal(JurisdictionLevel.Township, township.Level);

        await Crowd(290);
        await Crowd(310);
        await Crowd(280);
        await Crowd(310); // likewise for 300: the case stays with the county and is not sent to the city
        var escalations = await Escalations();
        Assert.Equal([JurisdictionLevel.Township, JurisdictionLevel.County], escalations.OrderByDescending(e => e.Level).Select(e => e.Level));
        Assert.DoesNotContain(await Timeline(incident), e => e.Kind == "escalationCapped");
    }

    [Fact]
    public async Task AJumpAcrossSeveralCrowdStepsClimbsOneLevelForEachStep()
    {
        var incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 40, cause: "landAcquisition");

        var grown = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = 1200 }));

        Assert.Equal(1, grown.Severity);
        var escalations = (await Escalations()).OrderByDescending(e => e.Level).ToList();
        Assert.Equal([JurisdictionLevel.Township, JurisdictionLevel.County, JurisdictionLevel.City], escalations.Select(e => e.Level));
        Assert.Equal(["超过100人", "超过300人", "超过1000人"], escalations.Select(e => e.Reason[(e.Reason.IndexOf('：') + 1)..].Split('，')[0]));
        Assert.All(escalations, e => Assert.Equal(EscalationTriggers.CrowdGrowth, e.Trigger));
        var open = await CommandApp.Get<List<EscalationView>>(api, "/api/escalations?open=true");
        Assert.Equal([escalations[2].Id], open.Select(e => e.Id));
    }

    [Fact]
    public async Task ABreachAndAnAcknowledgementDeadlineAtTheSameMomentClimbOnceWithTheBreachFirst()
    {
        // Severity II: the first team is due at 10 min, the township leader at 20 min; the township's step, raised at
        // 10 min, must be signed for by 20 min. Both fall due at once.
        var t0 = app.Time.GetUtcNow();
        var incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 400, cause: "labourDispute");
        Assert.Equal(2, incident.Severity);
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/reports", new { kind = "countyInformed", text = "已电话报告县委政法委值班室。" }));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/reports", new { kind = "informationReport", text = "已向市级信息报送。" }));

        app.Time.SetUtcNow(t0.AddMinutes(10));
        var township = Assert.Single(await Eventually.Get(Escalations, e => e.Count == 1, "the township's step"));
        Assert.Equal(t0.AddMinutes(10) + AcknowledgeWithin, t0.AddMinutes(20));

        app.Time.SetUtcNow(t0.AddMinutes(20));
        var county = (await Eventually.Get(Escalations, e => e.Count == 2, "the county's step")).Single(e => e.Id != township.Id);

        // The breach went first and took the case to the county; the township's deadline then found its step passed up.
        Assert.Equal((JurisdictionLevel.County, EscalationTriggers.MilestoneBreached), (county.Level, county.Trigger));
        app.Time.SetUtcNow(t0.AddMinutes(21));
        var timeline = await Timeline(incident);
        Assert.DoesNotContain(timeline, e => e.Kind == "escalationReminded");
        Assert.Equal(2, (await Escalations()).Count);
        Assert.Equal([county.Id], (await CommandApp.Get<List<EscalationView>>(api, "/api/escalations?open=true")).Select(e => e.Id));
    }

    [Fact]
    public async Task AfterAnAcknowledgementLaterBreachesAndCrowdGrowthStillEscalate()
    {
        var incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 50, cause: "labourDispute");
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = 150 }));
        var township = Assert.Single(await Escalations());
        await CommandApp.Read<EscalationView>(await CommandApp.Post(app.Api("lc.leader"), $"/api/escalations/{township.Id}/ack", new { comment = "已安排镇领导赶赴现场" }));

        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = 320 }));

        var county = (await Escalations()).Single(e => e.Id != township.Id);
        Assert.Equal((JurisdictionLevel.County, EscalationTriggers.CrowdGrowth), (county.Level, county.Trigger));
        Assert.NotNull((await Escalations()).Single(e => e.Id == township.Id).AcknowledgedAt);
    }

    [Fact]
    public async Task SeverityUpgradeEscalates()
    {
        var incident = await app.CreateIncident(api, type: "criminal"); // III: may climb to the township by itself

        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/severity", new { severity = 2, reason = "持械伤人" }));

        var escalation = Assert.Single(await Escalations());
        Assert.Equal((EscalationTriggers.SeverityUpgrade, JurisdictionLevel.Township), (escalation.Trigger, escalation.Level));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/severity", new { severity = 3, reason = "核实后降级" }));
        Assert.Single(await Escalations()); // a downgrade does not escalate
    }

    [Fact]
    public async Task AtTheCeilingTheEscalationListCountsTheRemindersAsTheCaseDoes()
    {
        var ack = AcknowledgeWithin;
        var t0 = app.Time.GetUtcNow();
        var incident = await ArmedAssaultAsync();
        Assert.Equal(JurisdictionLevel.Township, Assert.Single(await Escalations()).Level);

        // Unacknowledged, it climbs to the county, the ceiling of a severity II case; from then on the county is reminded.
        app.Time.SetUtcNow(t0 + ack);
        var county = (await Eventually.Get(Escalations, e => e.Count == 2, "the county's escalation")).Single(e => e.Level == JurisdictionLevel.County);
        app.Time.SetUtcNow(t0 + ack * 3);
        var reminded = await Eventually.Get(async () => (await Escalations()).Single(e => e.Id == county.Id), e => e.Reminders == 2, "two reminders on the list");

        var onCase = (await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}")).Escalations!.Single(e => e.Id == county.Id);
        Assert.Equal((onCase.Reminders, onCase.LastRemindedAt), (reminded.Reminders, reminded.LastRemindedAt));
        Assert.Equal(t0 + ack * 3, reminded.LastRemindedAt);
        Assert.Equal(2, (await Timeline(incident)).Count(e => e.Kind == "escalationReminded" && e.Data.GetProperty("escalationId").GetString() == county.Id));
    }

    [Fact]
    public async Task AMassIncidentIsNeverASmallMatterAndReachesTheTownship()
    {
        var t0 = app.Time.GetUtcNow();
        var incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 40, cause: "landAcquisition");
        Assert.Equal(4, incident.Severity);
        var due = incident.Milestones.Single(m => m.Name == "firstTeamOnScene").DueAt;

        app.Time.SetUtcNow(due);
        var escalation = Assert.Single(await Eventually.Get(Escalations, e => e.Count > 0, "the breach's escalation"));
        Assert.Equal((EscalationTriggers.MilestoneBreached, JurisdictionLevel.Township, due), (escalation.Trigger, escalation.Level, escalation.RaisedAt));
        Assert.True(due > t0);

        // The township is as high as it goes by itself: unacknowledged, it is reminded there, not sent to the county.
        app.Time.SetUtcNow(due + AcknowledgeWithin);
        await Eventually.Get(async () => (await Escalations()).Single(), e => e.Reminders == 1, "a reminder at the township");
        Assert.Contains(await Timeline(incident), e => e.Kind == "escalationCapped");
        Assert.Single(await Escalations());
    }

    [Fact]
    public async Task ACaseThatClimbsLeavesOneOpenStepAndItsLowerStepsStopReminding()
    {
        var ack = AcknowledgeWithin;
        var t0 = app.Time.GetUtcNow();
        var incident = await ArmedAssaultAsync();
        var township = Assert.Single(await Escalations());

        // A leader takes it to the county a minute later: the township step is passed up, whatever made the case climb.
        app.Time.SetUtcNow(t0.AddMinutes(1));
        var county = await CommandApp.Read<EscalationView>(await CommandApp.Post(app.Api("lc.leader"), $"/api/escalations/{township.Id}/escalate", new { reason = "需县级统一指挥" }));
        var open = await CommandApp.Get<List<EscalationView>>(api, "/api/escalations?open=true");
        Assert.Equal([county.Id], open.Select(e => e.Id));
        var below = (await Escalations()).Single(e => e.Id == township.Id);
        Assert.Equal(("冠县", t0.AddMinutes(1)), (below.PassedUpTo, below.PassedUpAt!.Value));

        // The township's acknowledgement deadline passes: nobody there is reminded; only the county is, when its own is due.
        app.Time.SetUtcNow(t0.AddMinutes(1) + ack);
        await Eventually.Get(async () => (await Escalations()).Single(e => e.Id == county.Id), e => e.Reminders == 1, "the county's reminder");
        var all = await Escalations();
        Assert.Equal(0, all.Single(e => e.Id == township.Id).Reminders);
        Assert.Equal(2, all.Count);
        var passedUp = (await Timeline(incident)).Single(e => e.Kind == "escalationPassedUp");
        Assert.Equal((township.Id, county.Id), (passedUp.Data.GetProperty("escalationId").GetString(), passedUp.Data.GetProperty("toEscalationId").GetString()));
    }

    [Fact]
    public async Task RepeatedDisputesInOneVillageEscalateAsARiskOfViolence()
    {
        await app.CreateIncident(api, 115.45, 36.49, type: "dispute");
        app.Time.Advance(TimeSpan.FromDays(2));
        await app.CreateIncident(api, 115.451, 36.491, type: "dispute");
        Assert.Empty(await Escalations());
        app.Time.Advance(TimeSpan.FromDays(2));

        var third = await app.CreateIncident(api, 115.449, 36.489, type: "dispute");

        var escalation = Assert.Single(await Escalations());
        Assert.Equal((third.Id, EscalationTriggers.RepeatedIncidents), (escalation.IncidentId, escalation.Trigger));
        Assert.Contains("第3起", escalation.Reason);
    }

    [Fact]
    public async Task SmallMattersStayInTheVillage()
    {
        var incident = await app.CreateIncident(api, type: "dispute"); // severity IV: 小事不出村

        var upgraded = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/severity", new { severity = 3, reason = "误报等级" }));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/severity", new { severity = 4, reason = "核实" }));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = 20 }));

        Assert.Single(await Escalations()); // the upgrade to III went to the township; nothing at IV leaves the village
        var app2 = new CommandApp(rules: TestRules.With(d => d["escalation"]!["repeatedIncidents"]!["ceiling"] = "village"));
        await using (app2)
        {
            var api2 = app2.Api();
            await app2.CreateIncident(api2, type: "dispute");
            await app2.CreateIncident(api2, type: "dispute");
            var third = await app2.CreateIncident(api2, type: "dispute");
            Assert.Empty(await CommandApp.Get<List<EscalationView>>(api2, "/api/escalations"));
            var capped = (await CommandApp.Get<List<TimelineEntry>>(api2, $"/api/incidents/{third.Id}/timeline")).Single(e => e.Kind == "escalationCapped");
            Assert.Equal(("repeatedIncidents", "village"), (capped.Data.GetProperty("trigger").GetString(), capped.Data.GetProperty("ceiling").GetString()));
        }
        Assert.Equal(3, upgraded.Severity);
    }

    [Fact]
    public async Task LeaderMayTakeACaseAboveItsCeiling()
    {
        var incident = await app.CreateIncident(api, type: "criminal");
        await CommandApp.Post(api, $"/api/incidents/{incident.Id}/severity", new { severity = 2, reason = "持械伤人" });
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/crowd", new { crowdSize = 35 })); // now a mass incident of II
        var township = Assert.Single(await Escalations());

        var county = await CommandApp.Read<EscalationView>(await CommandApp.Post(app.Api("lc.leader"), $"/api/escalations/{township.Id}/escalate", new { reason = "需县级统一指挥" }));

        Assert.Equal((JurisdictionLevel.County, EscalationTriggers.LeaderDecision), (county.Level, county.Trigger));
    }

    [Fact]
    public async Task LeaderOnSceneIsMetByACheckInNearTheScene()
    {
        var incident = await app.CreateIncident(api, 115.45, 36.49, type: "massIncident", crowdSize: 80);

        var leader = app.Api("gx.leader");
        var tooFar = await CommandApp.Problem(await CommandApp.Post(leader, $"/api/incidents/{incident.Id}/leader-checkins",
            new { lon = 115.50, lat = 36.49 }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("现场", ChineseRefusal.Check(tooFar, incident.Number));
        var met = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(leader, $"/api/incidents/{incident.Id}/leader-checkins",
            new { title = "县委副书记", lon = 115.451, lat = 36.4905 }));

        // 冠县's leader is of county level, above the township the milestone asks for.
        var milestone = met.Milestones.Single(m => m.Name == "townshipLeaderOnScene");
        Assert.Equal((MilestoneState.Met, "领导:赵敏(gx.leader)"), (milestone.State, milestone.MetBy));
        var checkIn = Assert.Single(await Timeline(incident), e => e.Kind == "leaderCheckedIn").Data;
        Assert.Equal(("领导:赵敏(gx.leader)", "gx.leader", "county", "县委副书记"),
            (checkIn.GetProperty("leader").GetString(), checkIn.GetProperty("username").GetString(), checkIn.GetProperty("level").GetString(), checkIn.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task ReportsMeetTheirMilestonesOnlyWithText()
    {
        var incident = await app.CreateIncident(api, type: "massIncident", crowdSize: 80);

        await CommandApp.Problem(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/reports", new { kind = "writtenReport", text = " " }), HttpStatusCode.UnprocessableEntity);
        var detail = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/reports",
            new { kind = "countyInformed", text = "已电话报告县委政法委值班室，王主任接报。" }));

        Assert.Equal(MilestoneState.Met, detail.Milestones.Single(m => m.Name == "countyInformed").State);
        Assert.Equal(MilestoneState.Pending, detail.Milestones.Single(m => m.Name == "writtenReport").State);
    }
}
