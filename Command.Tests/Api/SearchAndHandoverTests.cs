using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Incidents;
using Command.Silo.Incidents;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>历史警情查询 and 交接班, both within the caller's jurisdiction.</summary>
public sealed class SearchAndHandoverTests : IAsyncLifetime
{
    private readonly CommandApp app = new();
    private HttpClient guanxian = null!;

    public Task InitializeAsync()
    {
        guanxian = app.Api("gx.duty");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<IncidentDetail> Call(string type, string address, string phone, double lon = 115.45, double lat = 36.49)
    {
        var response = await guanxian.PostAsJsonAsync("/api/incidents", new { channel = 110, type, lon, lat, address, callerPhone = phone, description = "测试" });
        return await CommandApp.Read<IncidentDetail>(response, HttpStatusCode.Created);
    }

    private async Task Close(IncidentDetail incident) =>
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(guanxian, $"/api/incidents/{incident.Id}/close", new { resolution = "已处理" }));

    private async Task<List<IncidentSummary>> Search(string query) => await CommandApp.Get<List<IncidentSummary>>(guanxian, "/api/incidents/search?" + query);

    [Fact]
    public async Task SearchFindsClosedCasesByNumberAddressPhoneTypeAndTime()
    {
        var fight = await Call("publicOrder", "冠县清泉街18号", "138 0000 1111");
        app.Time.Advance(TimeSpan.FromHours(1));
        var crash = await Call("traffic", "冠县振兴路口", "13900002222");
        var open = await Call("traffic", "冠县振兴路口", "13900002222");
        await Close(fight);
        await Close(crash);

        Assert.Equal([fight.Id], (await Search($"q={fight.Number}")).Select(i => i.Id));
        Assert.Equal([fight.Id], (await Search("q=清泉街")).Select(i => i.Id));
        Assert.Equal([fight.Id], (await Search("phone=1380000")).Select(i => i.Id));
        Assert.Equal([crash.Id], (await Search("type=traffic")).Select(i => i.Id)); // closed only, by default
        Assert.Equal(new[] { open.Id, crash.Id }.Order(), (await Search("type=traffic&status=all")).Select(i => i.Id).Order());
        string from = Uri.EscapeDataString(fight.ReceivedAt.AddMinutes(30).ToString("O"));
        Assert.Equal([crash.Id], (await Search($"from={from}")).Select(i => i.Id));
        Assert.Equal([fight.Id], (await Search($"to={from}")).Select(i => i.Id));
        Assert.Empty(await Search("phone=5555"));
    }

    [Fact]
    public async Task SearchStaysInsideTheCallersJurisdictionAndRefusesNonsenseInChinese()
    {
        var incident = await Call("publicOrder", "冠县清泉街18号", "13800001111");
        await Close(incident);

        Assert.Empty(await CommandApp.Get<List<IncidentSummary>>(app.Api("sx.duty"), "/api/incidents/search?q=清泉街"));
        foreach (string query in new[] { "type=spaceship", "from=yesterday", "limit=0", "from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z", "phone=abc" })
        {
            string detail = (await CommandApp.Problem(await guanxian.GetAsync("/api/incidents/search?" + query), (HttpStatusCode)422)).GetProperty("detail").GetString()!;
            Assert.DoesNotMatch("[A-Za-z]{3,}", detail);
        }
    }

    [Fact]
    public async Task HandoverCountsWhatHappenedOnTheShiftSinceEightOClock()
    {
        // The test clock starts at 10:00 Beijing time: the shift began at 08:00 (00:00 UTC).
        var closed = await Call("publicOrder", "冠县清泉街18号", "13800001111");
        var dispatched = await Call("traffic", "冠县振兴路口", "13900002222");
        var waiting = await Call("fire", "冠县红旗路", "13700003333");
        var team = (await CommandApp.Get<List<Recommendation>>(guanxian, $"/api/incidents/{dispatched.Id}/recommendations"))[0];
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(guanxian, $"/api/incidents/{dispatched.Id}/assignments", new { teamId = team.TeamId }));
        await Close(closed);
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(guanxian, $"/api/incidents/{waiting.Id}/transfer", new { toJurisdictionId = "371522", reason = "属莘县" }));
        app.Time.Advance(TimeSpan.FromMinutes(5)); // the fire call's dispatch deadline passes
        await Eventually.Get(() => CommandApp.Get<IncidentDetail>(guanxian, $"/api/incidents/{waiting.Id}"), d => d.DispatchOverdueAt is not null, "派警超时");

        var report = await CommandApp.Get<HandoverReport>(guanxian, "/api/handover");

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(8)), report.Since);
        Assert.Equal("冠县", report.JurisdictionName);
        Assert.Equal(3, report.Counts.Received);
        Assert.Equal(1, report.Counts.Dispatches);
        Assert.Equal(1, report.Counts.Closed);
        Assert.Equal(1, report.Counts.DispatchOverdue);
        Assert.Equal(1, report.Counts.TransfersOut);
        Assert.Equal(1, report.Counts.TransfersPending);
        Assert.Equal(2, report.Counts.Open);
        Assert.Equal([waiting.Id, dispatched.Id], report.Open.Select(i => i.Id)); // most severe first
        Assert.Equal([waiting.Id], report.PendingTransfers.Select(i => i.Id));
        Assert.Equal(3, report.OnShift.Count);

        // A shift that starts after everything happened counts nothing but still hands over the open cases.
        string later = Uri.EscapeDataString(app.Time.GetUtcNow().AddMinutes(-1).ToString("O"));
        var quiet = await CommandApp.Get<HandoverReport>(guanxian, $"/api/handover?since={later}");
        Assert.Equal(0, quiet.Counts.Received);
        Assert.Equal(2, quiet.Counts.Open);
    }

    [Fact]
    public void TheShiftStartsAtTheLastEightOClockBeijingTime()
    {
        var offset = TimeSpan.FromHours(8);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero),
            IncidentSearchEndpoints.ShiftStart(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero), offset));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero), // 03:00 on the 21st is still the night shift of the 20th
            IncidentSearchEndpoints.ShiftStart(new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.Zero), offset));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero),
            IncidentSearchEndpoints.ShiftStart(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero), offset));
    }
}
