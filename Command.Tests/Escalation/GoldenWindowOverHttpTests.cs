using System.Net.Http.Json;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Tests.Support;

namespace Command.Tests.Escalation;

/// <summary>The same scenario against a real silo on the real clock, with a rules file of windows in seconds.</summary>
public sealed class GoldenWindowOverHttpTests
{
    [Fact]
    public async Task ShortWindowsClimbStepByStepThroughTheHttpApi()
    {
        var document = TestRules.Default();
        document["milestones"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["name"] = "firstTeamOnScene", ["title"] = "首支处置力量到场", ["dueMinutes"] = 0.05, ["metBy"] = "teamOnScene" });
        document["milestoneOverrides"] = new System.Text.Json.Nodes.JsonArray();
        document["dueWarningMinutes"] = 0;
        document["escalation"]!["acknowledgeWithinMinutes"] = 0.05; // 3 s
        string file = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());
        try
        {
            await using var silo = await SiloProcess.StartAsync(args: ["--storage", "memory", "--rules", file]);
            var api = await silo.SignInAsync("lc.duty");
            var created = await api.PostAsJsonAsync("/api/incidents", new { channel = 110, type = "massIncident", crowdSize = 300, lon = 115.45, lat = 36.49, cause = "labourDispute" });
            var incident = (await created.Content.ReadFromJsonAsync<IncidentDetail>(CommandApp.Json))!;

            async Task<List<EscalationView>> Open(int count) => (await Eventually.Get(
                () => api.GetFromJsonAsync<List<EscalationView>>("/api/escalations", CommandApp.Json),
                e => e!.Count >= count, $"{count} escalations"))!;

            // Steps are 3 s apart on the real clock: a busy machine may poll only after the next one, so each is
            // picked by its level rather than expected alone.
            var township = (await Open(1)).Single(e => e.Level == JurisdictionLevel.Township);
            var county = (await Open(2)).Single(e => e.Level == JurisdictionLevel.County);
            var city = (await Open(3)).Single(e => e.Level == JurisdictionLevel.City);
            // Each is raised when it is taken, and its leader's 3 s count from then: on a busy machine a little later.
            Assert.True(township.RaisedAt >= incident.Milestones.Single().DueAt, $"{township.RaisedAt:O}");
            Assert.True(county.RaisedAt >= township.RaisedAt.AddSeconds(3), $"{county.RaisedAt:O}");
            Assert.True(city.RaisedAt >= county.RaisedAt.AddSeconds(3), $"{city.RaisedAt:O}");
            Assert.Equal([city.Id], (await api.GetFromJsonAsync<List<EscalationView>>("/api/escalations?open=true", CommandApp.Json))!.Select(e => e.Id));

            (await (await silo.SignInAsync("lc.leader")).PostAsync($"/api/escalations/{city.Id}/ack", null)).EnsureSuccessStatusCode();
            var open = await api.GetFromJsonAsync<List<EscalationView>>("/api/escalations?open=true", CommandApp.Json);
            Assert.DoesNotContain(open!, e => e.Id == city.Id);
            var all = await api.GetFromJsonAsync<List<EscalationView>>("/api/escalations", CommandApp.Json);
            Assert.NotNull(all!.Single(e => e.Id == city.Id).AcknowledgedAt);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
