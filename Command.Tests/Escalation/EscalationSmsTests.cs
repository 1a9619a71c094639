using System.Text.Json;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Tests.Support;

namespace Command.Tests.Escalation;

/// <summary>Escalations text the leader on duty where they arrive, through the built-in sender's outbox file.</summary>
public sealed class EscalationSmsTests : AppTest
{
    private static readonly TimeSpan AcknowledgeWithin = Silo.Escalation.RulesLoader.Load(null).AcknowledgeWithin;

    private async Task<List<JsonElement>> Texts(int atLeast) => await Eventually.Get(async () =>
    {
        if (!File.Exists(app.SmsOutbox))
        {
            return [];
        }
        var lines = await File.ReadAllLinesAsync(app.SmsOutbox);
        return lines.Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }, t => t.Count >= atLeast, $"{atLeast} texts in the outbox");

    [Fact]
    public async Task AnEscalationTextsTheTownshipLeaderOnDutyAndTheNextLeaderUpWhenNobodySigns()
    {
        var t0 = app.Time.GetUtcNow();
        var incident = await app.CreateIncident(api, type: "criminal");
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/severity", new { severity = 2, reason = "持械伤人" }));

        var township = Assert.Single(await Texts(1));
        Assert.Equal(("何平", "371525-t01"), (township.GetProperty("recipient").GetString(), township.GetProperty("jurisdictionId").GetString()));
        string text = township.GetProperty("text").GetString()!;
        Assert.Contains(incident.Number, text);
        Assert.Contains("冠城关街道", text);
        Assert.Contains("签收", text);
        Assert.Matches("^1[0-9]{10}$", township.GetProperty("phone").GetString()!);

        // Nobody in the township signs within the period: the county's leader on duty is texted.
        app.Time.SetUtcNow(t0 + AcknowledgeWithin);
        var county = (await Texts(2))[1];
        Assert.Equal(("赵敏", "371525"), (county.GetProperty("recipient").GetString(), county.GetProperty("jurisdictionId").GetString()));
    }

    [Fact]
    public async Task TheTownshipLeaderSignsInAndSignsForTheStepTheirTownshipWasTextedAbout()
    {
        var incident = await app.CreateIncident(api, type: "criminal");
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/severity", new { severity = 2, reason = "持械伤人" }));
        var escalation = Assert.Single(await CommandApp.Get<List<EscalationView>>(api, "/api/escalations"));
        Assert.Equal((JurisdictionLevel.Township, "何平"), (escalation.Level, escalation.LeaderOnDuty));

        var signed = await CommandApp.Read<EscalationView>(await CommandApp.Post(app.Api("gcg.leader"), $"/api/escalations/{escalation.Id}/ack", new { comment = "已赶赴现场" }));

        Assert.Equal("领导:何平(gcg.leader)", signed.AcknowledgedBy);
        // The village's leader sees the case but may not sign for a step that went above the village.
        var village = app.Api("lt.leader");
        Assert.Equal(incident.Id, (await CommandApp.Get<IncidentDetail>(village, $"/api/incidents/{incident.Id}")).Id);
    }
}
