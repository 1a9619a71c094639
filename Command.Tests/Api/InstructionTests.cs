using System.Net;
using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>批示: a leader writes an instruction on a case of their jurisdiction, a duty officer of the case marks it read
/// (已阅), and both are on the timeline with who and when.</summary>
public sealed class InstructionTests : IAsyncLifetime
{
    private const string Shenxian = "371522";
    private readonly CommandApp app = new();
    private HttpClient duty = null!;
    private HttpClient leader = null!;
    private HttpClient shenxianDuty = null!;

    public Task InitializeAsync()
    {
        duty = app.Api("gx.duty");
        leader = app.Api("gx.leader");
        shenxianDuty = app.Api("sx.duty");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<HttpResponseMessage> Give(HttpClient api, string id, string text) =>
        CommandApp.Post(api, $"/api/incidents/{id}/instructions", new { text });

    [Fact]
    public async Task ALeadersInstructionIsPendingUntilADutyOfficerReadsItAndBothAreOnTheTimeline()
    {
        var incident = await app.CreateIncident(duty);
        var given = await CommandApp.Read<IncidentDetail>(await Give(leader, incident.Id, "请立即增派警力，30分钟内报告处置情况"));
        var instruction = Assert.Single(given.Instructions!);
        Assert.Equal("领导:赵敏(gx.leader)", instruction.Leader);
        Assert.Null(instruction.AcknowledgedAt);
        var listed = (await CommandApp.Get<List<IncidentSummary>>(duty, "/api/incidents?active=true")).Single(i => i.Id == incident.Id);
        Assert.Equal(1, listed.PendingInstructions);

        var read = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/instructions/{instruction.Id}/ack", new { }));
        Assert.Equal("值班员:王磊(gx.duty)", read.Instructions![0].AcknowledgedBy);
        Assert.NotNull(read.Instructions[0].AcknowledgedAt);
        listed = (await CommandApp.Get<List<IncidentSummary>>(duty, "/api/incidents?active=true")).Single(i => i.Id == incident.Id);
        Assert.Equal(0, listed.PendingInstructions);

        var again = await CommandApp.Problem(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/instructions/{instruction.Id}/ack", new { }), HttpStatusCode.Conflict);
        Assert.Contains(incident.Number, again.GetProperty("detail").GetString());

        var timeline = await CommandApp.Get<JsonElement>(duty, $"/api/incidents/{incident.Id}/timeline");
        var entries = timeline.EnumerateArray().ToList();
        var givenEntry = entries.Single(e => e.GetProperty("kind").GetString() == "instructionGiven");
        Assert.Equal("领导:赵敏(gx.leader)", givenEntry.GetProperty("actor").GetString());
        Assert.Equal("请立即增派警力，30分钟内报告处置情况", givenEntry.GetProperty("data").GetProperty("text").GetString());
        var readEntry = entries.Single(e => e.GetProperty("kind").GetString() == "instructionAcknowledged");
        Assert.Equal("值班员:王磊(gx.duty)", readEntry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task AnEmptyOrTooLongInstructionIsRefusedInChineseAndNothingIsRecorded()
    {
        var incident = await app.CreateIncident(duty);
        var empty = await CommandApp.Problem(await Give(leader, incident.Id, "  "), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(incident.Number, empty.GetProperty("detail").GetString());
        var tooLong = await CommandApp.Problem(await Give(leader, incident.Id, new string('批', 1001)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("最多1000个字", tooLong.GetProperty("detail").GetString());
        var detail = await CommandApp.Get<IncidentDetail>(duty, $"/api/incidents/{incident.Id}");
        Assert.Empty(detail.Instructions!);
    }

    [Fact]
    public async Task OnlyALeaderInScopeGivesAnInstructionAndAClosedCaseTakesNone()
    {
        var incident = await app.CreateIncident(duty);
        // Duty officers, of the case's county or another, do not write 批示; a leader of another county does not see the case.
        await CommandApp.Problem(await Give(duty, incident.Id, "请处理"), HttpStatusCode.Forbidden);
        await CommandApp.Problem(await Give(shenxianDuty, incident.Id, "请处理"), HttpStatusCode.Forbidden);
        var sx = app.Api("sx.duty");
        var other = await app.CreateIncident(sx, lon: 115.67, lat: 36.23);
        Assert.Contains(Shenxian, other.JurisdictionChain.Select(j => j.Id));
        await CommandApp.Problem(await Give(leader, other.Id, "请处理"), HttpStatusCode.NotFound);

        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/close", new { resolution = "已调解" }));
        var closed = await CommandApp.Problem(await Give(leader, incident.Id, "请复查"), HttpStatusCode.Conflict);
        Assert.Contains(incident.Number, closed.GetProperty("detail").GetString());
        Assert.Contains("已办结", closed.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task APatrolLeaderCannotMarkAnInstructionRead()
    {
        var incident = await app.CreateIncident(duty);
        var given = await CommandApp.Read<IncidentDetail>(await Give(leader, incident.Id, "请注意现场群众情绪"));
        var patrol = app.Api("gx.patrol");
        await CommandApp.Problem(await CommandApp.Post(patrol, $"/api/incidents/{incident.Id}/instructions/{given.Instructions![0].Id}/ack", new { }), HttpStatusCode.Forbidden);
    }
}
