using System.Net;
using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>转警 from 冠县 to 莘县: 签收 moves the case, 退回 returns it, and an unsigned transfer is flagged.</summary>
public sealed class TransferTests : IAsyncLifetime
{
    private const string Guanxian = "371525";
    private const string Shenxian = "371522";
    private readonly CommandApp app = new();
    private HttpClient guanxian = null!;
    private HttpClient shenxian = null!;

    public Task InitializeAsync()
    {
        guanxian = app.Api("gx.duty");
        shenxian = app.Api("sx.duty");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<IncidentDetail> Transfer(IncidentDetail incident, string to = Shenxian) =>
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(guanxian, $"/api/incidents/{incident.Id}/transfer",
            new { toJurisdictionId = to, reason = "报警人所在位置属莘县辖区" }));

    private static async Task<List<IncidentSummary>> List(HttpClient api) => await CommandApp.Get<List<IncidentSummary>>(api, "/api/incidents?active=true");

    [Fact]
    public async Task SigningATransferMovesTheCaseToTheTargetAndOutOfTheSendersList()
    {
        var incident = await app.CreateIncident(guanxian);
        Assert.DoesNotContain(await List(shenxian), i => i.Id == incident.Id);

        var sent = await Transfer(incident);
        Assert.Equal(TransferState.Pending, sent.Transfer!.State);
        Assert.Equal("莘县", sent.Transfer.ToName);
        Assert.Equal("冠县", sent.Transfer.FromName);
        Assert.Equal(incident.JurisdictionId, sent.JurisdictionId); // the sender keeps responsibility until it is signed
        Assert.Contains(await List(guanxian), i => i.Id == incident.Id);
        var waiting = Assert.Single(await List(shenxian), i => i.Id == incident.Id);
        Assert.True(waiting.Transfer!.IsPending);

        var signed = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(shenxian, $"/api/incidents/{incident.Id}/transfer/sign", new { note = "已联系报警人" }));

        Assert.Equal(TransferState.Signed, signed.Transfer!.State);
        Assert.Equal(Shenxian, Assert.Single(signed.JurisdictionChain, j => j.Level == JurisdictionLevel.County).Id);
        Assert.Equal("值班员:陈静(sx.duty)", signed.Transfer.DecidedBy);
        Assert.Contains(await List(shenxian), i => i.Id == incident.Id);
        Assert.DoesNotContain(await List(guanxian), i => i.Id == incident.Id);
        await CommandApp.Problem(await guanxian.GetAsync($"/api/incidents/{incident.Id}"), HttpStatusCode.NotFound);

        var target = await CommandApp.Get<JsonElement>(shenxian, $"/api/jurisdictions/{Shenxian}");
        Assert.Contains(incident.Id, target.GetProperty("activeIncidentIds").EnumerateArray().Select(e => e.GetString()));
        var source = await CommandApp.Get<JsonElement>(app.Api(), $"/api/jurisdictions/{Guanxian}");
        Assert.DoesNotContain(incident.Id, source.GetProperty("activeIncidentIds").EnumerateArray().Select(e => e.GetString()));

        var timeline = await CommandApp.Get<List<TimelineEntry>>(shenxian, $"/api/incidents/{incident.Id}/timeline");
        Assert.Equal(["transferRequested", "transferSigned"], timeline.Where(e => e.Kind.StartsWith("transfer")).Select(e => e.Kind));
        Assert.Equal("值班员:王磊(gx.duty)", timeline.Single(e => e.Kind == "transferRequested").Actor);
    }

    [Fact]
    public async Task RefusingATransferReturnsTheCaseToTheSender()
    {
        var incident = await app.CreateIncident(guanxian);
        await Transfer(incident);

        var refused = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(shenxian, $"/api/incidents/{incident.Id}/transfer/refuse",
            new { reason = "经核实地点属冠县" }));

        Assert.Equal(TransferState.Refused, refused.Transfer!.State);
        Assert.Equal("经核实地点属冠县", refused.Transfer.DecisionNote);
        Assert.Equal(incident.JurisdictionId, refused.JurisdictionId);
        Assert.Contains(await List(guanxian), i => i.Id == incident.Id);
        Assert.DoesNotContain(await List(shenxian), i => i.Id == incident.Id);
        // Returned, it can be sent again, or dispatched at home.
        Assert.True((await Transfer(incident, "371521")).Transfer!.IsPending);
    }

    [Fact]
    public async Task TheEndThatNoLongerHoldsTheCaseHearsTheDecision()
    {
        await using var guanxianConsole = await HubClient.ConnectAsync(app, await app.SignIn("gx.duty"));
        await using var shenxianConsole = await HubClient.ConnectAsync(app, await app.SignIn("sx.duty"));
        bool Decided(JsonElement i, string id, string state) =>
            i.GetProperty("id").GetString() == id && i.TryGetProperty("transfer", out var t) && t.ValueKind == JsonValueKind.Object
            && t.GetProperty("state").GetString() == state;

        // Returned: the target, which saw it while pending, hears that it went back.
        var returned = await app.CreateIncident(guanxian);
        await Transfer(returned);
        await CommandApp.Post(shenxian, $"/api/incidents/{returned.Id}/transfer/refuse", new { reason = "经核实地点属冠县" });
        var heard = await shenxianConsole.ReceiveAsync("IncidentChanged", i => Decided(i, returned.Id, "refused"));
        Assert.Equal(returned.JurisdictionId, heard.GetProperty("jurisdictionId").GetString());

        // Signed: the sender hears that it now lies in the target.
        var signed = await app.CreateIncident(guanxian);
        await Transfer(signed);
        await CommandApp.Post(shenxian, $"/api/incidents/{signed.Id}/transfer/sign", new { });
        heard = await guanxianConsole.ReceiveAsync("IncidentChanged", i => Decided(i, signed.Id, "signed"));
        Assert.StartsWith(Shenxian, heard.GetProperty("jurisdictionId").GetString());
    }

    [Fact]
    public async Task AnUnsignedTransferIsFlaggedAfterTheDeadline()
    {
        var incident = await app.CreateIncident(guanxian);
        var sent = await Transfer(incident);
        Assert.Null(sent.Transfer!.OverdueAt);

        app.Time.Advance(TimeSpan.FromMinutes(5));

        var flagged = await Eventually.Get(() => List(shenxian),
            list => list.Any(i => i.Id == incident.Id && i.Transfer?.OverdueAt is not null), "the unsigned 转警 to be flagged");
        Assert.Equal(sent.Transfer.DueAt, flagged.Single(i => i.Id == incident.Id).Transfer!.OverdueAt);
        var timeline = await CommandApp.Get<List<TimelineEntry>>(guanxian, $"/api/incidents/{incident.Id}/timeline");
        Assert.Equal("transferOverdue", timeline[^1].Kind);
        Assert.Equal("system", timeline[^1].Actor);
    }

    [Fact]
    public async Task TransfersThatMakeNoSenseAreRefusedInChinese()
    {
        var incident = await app.CreateIncident(guanxian);
        var closed = await app.CreateIncident(guanxian);
        await CommandApp.Post(guanxian, $"/api/incidents/{closed.Id}/close", new { resolution = "误报" });
        var worked = await app.CreateIncident(guanxian);
        var team = (await CommandApp.Get<List<Recommendation>>(guanxian, $"/api/incidents/{worked.Id}/recommendations"))[0];
        await CommandApp.Post(guanxian, $"/api/incidents/{worked.Id}/assignments", new { teamId = team.TeamId });

        var refusals = new List<(HttpResponseMessage Response, HttpStatusCode Status, string Says)>
        {
            (await CommandApp.Post(guanxian, $"/api/incidents/{incident.Id}/transfer", new { toJurisdictionId = Guanxian, reason = "测试" }), HttpStatusCode.Conflict, "无需转警"),
            (await CommandApp.Post(guanxian, $"/api/incidents/{closed.Id}/transfer", new { toJurisdictionId = Shenxian, reason = "测试" }), HttpStatusCode.Conflict, "办结"),
            (await CommandApp.Post(guanxian, $"/api/incidents/{worked.Id}/transfer", new { toJurisdictionId = Shenxian, reason = "测试" }), HttpStatusCode.Conflict, "撤回警力"),
            (await CommandApp.Post(guanxian, $"/api/incidents/{incident.Id}/transfer", new { toJurisdictionId = "999999", reason = "测试" }), (HttpStatusCode)422, "选择要转往的辖区"),
            (await CommandApp.Post(guanxian, $"/api/incidents/{incident.Id}/transfer", new { toJurisdictionId = Shenxian, reason = " " }), (HttpStatusCode)422, "转警原因"),
            (await CommandApp.Post(guanxian, $"/api/incidents/{incident.Id}/transfer/sign", new { }), HttpStatusCode.Conflict, "没有待签收的转警"),
        };
        await Transfer(incident);
        refusals.Add((await CommandApp.Post(guanxian, $"/api/incidents/{incident.Id}/transfer/sign", new { }), HttpStatusCode.Forbidden, "应由莘县值班员签收"));
        refusals.Add((await CommandApp.Post(guanxian, $"/api/incidents/{incident.Id}/transfer", new { toJurisdictionId = "371521", reason = "测试" }), HttpStatusCode.Conflict, "等待对方签收"));
        refusals.Add((await CommandApp.Post(shenxian, $"/api/incidents/{incident.Id}/transfer/refuse", new { }), (HttpStatusCode)422, "填写原因"));
        refusals.Add((await CommandApp.Post(shenxian, $"/api/incidents/{incident.Id}/transfer", new { toJurisdictionId = "371521", reason = "测试" }), HttpStatusCode.Forbidden, "只能签收或退回"));

        foreach (var (response, status, says) in refusals)
        {
            string detail = (await CommandApp.Problem(response, status)).GetProperty("detail").GetString()!;
            Assert.Contains(says, detail);
            if (says == "办结")
            {
                continue; // the closed-case refusal is the incident's general one, worded elsewhere
            }
            Assert.DoesNotMatch("[A-Za-z]{3,}|/api/|[0-9a-f]{32}", detail.Replace(closed.Number, "").Replace(incident.Number, "").Replace(worked.Number, ""));
        }
        Assert.Equal(incident.JurisdictionId, (await CommandApp.Get<IncidentDetail>(guanxian, $"/api/incidents/{incident.Id}")).JurisdictionId);
    }

    [Fact]
    public async Task TheTargetMayOnlySignOrRefuseACaseUntilItHasSignedForIt()
    {
        var incident = await app.CreateIncident(guanxian);
        await Transfer(incident);

        // Until 签收 the sender is responsible: 莘县 sees the case but changes nothing on it.
        (string Path, object Body)[] changes =
        [
            ($"/api/incidents/{incident.Id}/assignments", new { teamId = "team-371522-01" }),
            ($"/api/incidents/{incident.Id}/close", new { resolution = "已处置", confirmNoArrival = true, noArrivalReason = "误派" }),
            ($"/api/incidents/{incident.Id}/handling", new { note = "开始处置" }),
            ($"/api/incidents/{incident.Id}/notes", new { text = "报警人再次来电" }),
            ($"/api/incidents/{incident.Id}/severity", new { severity = 3, reason = "现场人数增加" }),
        ];
        foreach (var (path, body) in changes)
        {
            var refusal = await CommandApp.Problem(await CommandApp.Post(shenxian, path, body), HttpStatusCode.Forbidden);
            string detail = refusal.GetProperty("detail").GetString()!;
            Assert.StartsWith($"请先签收警情{incident.Number}", detail);
            Assert.DoesNotMatch("[A-Za-z]{3,}|/api/|[0-9a-f]{32}", detail.Replace(incident.Number, ""));
        }
        var seen = await CommandApp.Get<IncidentDetail>(shenxian, $"/api/incidents/{incident.Id}");
        Assert.Empty(seen.Assignments);
        Assert.NotEqual(IncidentStatus.Closed, seen.Status);
        Assert.DoesNotContain(await CommandApp.Get<List<TimelineEntry>>(shenxian, $"/api/incidents/{incident.Id}/timeline"),
            e => e.Actor.Contains("sx.duty"));

        // The sender still works it; once signed, so does the target.
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(guanxian, $"/api/incidents/{incident.Id}/notes", new { text = "已告知报警人转莘县" }));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(shenxian, $"/api/incidents/{incident.Id}/transfer/sign", new { }));
        var noted = await CommandApp.Read<IncidentDetail>(await CommandApp.Post(shenxian, $"/api/incidents/{incident.Id}/notes", new { text = "已联系报警人" }));
        Assert.Equal(TransferState.Signed, noted.Transfer!.State);
    }

    [Fact]
    public async Task ACountyOfficerIsOfferedTheOtherCountiesAndTheirTownshipsToTransferTo()
    {
        var targets = await CommandApp.Get<List<JsonElement>>(guanxian, "/api/transfer-targets");

        Assert.Contains(targets, t => t.GetProperty("id").GetString() == Shenxian && t.GetProperty("name").GetString() == "莘县" && t.GetProperty("level").GetString() == "county");
        Assert.Contains(targets, t => t.GetProperty("level").GetString() == "township" && t.GetProperty("parentId").GetString() == Shenxian);
        Assert.All(targets, t => Assert.Contains(t.GetProperty("level").GetString(), new[] { "county", "township" }));
        Assert.All(targets, t => Assert.False(t.TryGetProperty("boundary", out _)));
    }
}
