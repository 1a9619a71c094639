using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Silo.Storage;
using Command.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Command.Tests.Escalation;

public sealed class GoldenWindowRestartTests
{
    [Fact]
    public async Task RestartMidWindowKeepsEveryDeadlineAndFiresOverdueOnesOnceMarkedLate()
    {
        var (store, time, rules, t0, incident) = await MassIncidentThenOutage((_, _, t) => { t.SetUtcNow(t.GetUtcNow().AddMinutes(10)); return Task.CompletedTask; });

        time.SetUtcNow(t0.AddMinutes(17)); // the silo is down when the first milestone falls due

        await using var after = new CommandApp(store, rules, time);
        var api2 = after.Api();
        var detail = await Eventually.Get(() => CommandApp.Get<IncidentDetail>(api2, $"/api/incidents/{incident.Id}"),
            d => d.Milestones.Single(m => m.Name == "firstTeamOnScene").State == MilestoneState.Breached, "the overdue breach on start");
        Assert.Equal(t0.AddHours(24), detail.Milestones.Single(m => m.Name == "writtenReport").DueAt);
        var escalation = Assert.Single(await Eventually.Get(() => CommandApp.Get<List<EscalationView>>(api2, "/api/escalations"), e => e.Count == 1, "the escalation"));
        // Raised when the silo came back and raised it, so that its leader gets a whole acknowledgement period; the
        // breach itself says when the milestone was due and how late it was taken.
        Assert.Equal(t0.AddMinutes(17), escalation.RaisedAt);

        var breach = (await CommandApp.Get<List<TimelineEntry>>(api2, $"/api/incidents/{incident.Id}/timeline")).Single(e => e.Kind == "milestoneBreached");
        Assert.Equal(120, breach.Data.GetProperty("lateSeconds").GetDouble());

        // The escalation's acknowledgement deadline counts from when it was raised: 17 + 10 = 27 min.
        time.SetUtcNow(t0.AddMinutes(26));
        Assert.Single(await CommandApp.Get<List<EscalationView>>(api2, "/api/escalations"));
        time.SetUtcNow(t0.AddMinutes(27));
        await Eventually.Get(() => CommandApp.Get<List<EscalationView>>(api2, "/api/escalations"), e => e.Count == 2, "the climb to the county");

        time.SetUtcNow(t0.AddMinutes(28));
        var timeline = await CommandApp.Get<List<TimelineEntry>>(api2, $"/api/incidents/{incident.Id}/timeline");
        Assert.Single(timeline, e => e.Kind == "milestoneBreached");
        Assert.Equal(2, timeline.Count(e => e.Kind == "escalationRaised"));
    }

    [Fact]
    public async Task AnAcknowledgementDeadlineThatFellDueDuringAnOutageClimbsOnStartWithoutRetrying()
    {
        var (store, time, rules, t0, incident) = await MassIncidentThenOutage(async (_, api, t) =>
        {
            t.SetUtcNow(t.GetUtcNow().AddMinutes(15));
            await Eventually.Get(() => CommandApp.Get<List<EscalationView>>(api, "/api/escalations"), e => e.Count == 1, "the township's step");
        });

        time.SetUtcNow(t0.AddMinutes(40)); // the township's deadline (25 min) passes while the silo is down

        var logs = new CapturedLogs();
        await using var after = new CommandApp(store, rules, time, logs: logs);
        var api2 = after.Api();
        var county = (await Eventually.Get(() => CommandApp.Get<List<EscalationView>>(api2, "/api/escalations"), e => e.Count == 2, "the climb on start"))
            .Single(e => e.Level == Abstractions.Jurisdictions.JurisdictionLevel.County);
        Assert.Equal(t0.AddMinutes(40), county.RaisedAt);
        // Taken once, at start, with nothing thrown and retried (a handler that re-entered the incident would be).
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("retrying in", StringComparison.Ordinal));
        var reminded = (await CommandApp.Get<List<TimelineEntry>>(api2, $"/api/incidents/{incident.Id}/timeline")).Where(e => e.Kind == "escalationReminded");
        Assert.Single(reminded);
    }

    /// <summary>A mass incident of 300 on a silo with a 15-minute first milestone and a 10-minute acknowledgement
    /// period, which then stops after <paramref name="meanwhile"/>: the store and the clock outlive it.</summary>
    private static async Task<(MemoryStore Store, FakeTimeProvider Time, Silo.Escalation.CommandRules Rules, DateTimeOffset T0, IncidentDetail Incident)> MassIncidentThenOutage(
        Func<CommandApp, HttpClient, FakeTimeProvider, Task> meanwhile)
    {
        var store = new MemoryStore();
        var time = TestClock.Create();
        var rules = TestRules.FirstTeamOnly(firstTeamMinutes: 15, acknowledgeMinutes: 10);
        var t0 = time.GetUtcNow();
        await using var before = new CommandApp(store, rules, time);
        var api = before.Api();
        var incident = await before.CreateIncident(api, type: "massIncident", crowdSize: 300);
        await meanwhile(before, api, time);
        return (store, time, rules, t0, incident);
    }
}
