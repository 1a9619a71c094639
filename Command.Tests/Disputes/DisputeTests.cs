using System.Net;
using Command.Abstractions.Disputes;
using Command.Abstractions.Incidents;
using Command.Silo.Storage;
using Command.Tests.Support;

namespace Command.Tests.Disputes;

/// <summary>矛盾纠纷台账: registration, mediation steps, 对接 with a 签收 deadline, the receiver's result closing the loop,
/// 民转刑 links, and the 调处率 table.</summary>
public sealed class DisputeTests : AppTest
{
    /// <summary>The demo point: 吕堂社区, 冠城关街道, 冠县.</summary>
    private const double Lon = 115.45, Lat = 36.49;

    private static object Parties() => new[]
    {
        new { name = "张三", role = "applicant", phone = (string?)"13800000001" },
        new { name = "李四", role = "respondent", phone = (string?)null },
    };

    private static Task<HttpResponseMessage> Register(HttpClient client, string cause = "homestead", string level = "ordinary", double lon = Lon, double lat = Lat,
        string description = "两户因宅基地边界争执，多次发生口角") =>
        CommandApp.Post(client, "/api/disputes", new { parties = Parties(), cause, description, lon, lat, level });

    private static async Task<DisputeView> Registered(HttpClient client, string cause = "homestead") =>
        await CommandApp.Read<DisputeView>(await Register(client, cause), HttpStatusCode.Created);

    private static async Task<DisputeView> HandOff(HttpClient client, DisputeView dispute, string receiver, string body = "mediation") =>
        await CommandApp.Read<DisputeView>(await CommandApp.Post(client, $"/api/disputes/{dispute.Id}/handoffs", new { body, receiver, note = "请组织人民调解" }));

    [Fact]
    public async Task ADisputeIsRegisteredInTheJurisdictionOfItsPlaceAndItsStepsAreAppendedWithWhoAndWhen()
    {
        var duty = app.Api("gx.duty");
        var dispute = await Registered(duty);
        Assert.Equal(["371500", "371525", "371525-t01", "371525-t01-v01"], dispute.JurisdictionChain.Take(4));
        Assert.Equal(("open", "值班员:王磊(gx.duty)"), (dispute.State, dispute.RegisteredBy));
        Assert.Equal(["张三", "李四"], dispute.Parties.Select(p => p.Name));
        Assert.StartsWith("JF", dispute.Number, StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromMinutes(30));
        await CommandApp.Read<DisputeView>(await CommandApp.Post(app.Api("gcg.leader"), $"/api/disputes/{dispute.Id}/steps", new { text = "组织双方到村委会面对面调解" }));
        var second = await CommandApp.Read<DisputeView>(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/steps", new { text = "丈量边界，约定三日后再议" }));
        Assert.Equal([("领导:何平(gcg.leader)", "组织双方到村委会面对面调解"), ("值班员:王磊(gx.duty)", "丈量边界，约定三日后再议")],
            second.Steps.Select(s => (s.By, s.Text)));
        Assert.Equal(dispute.RegisteredAt.AddMinutes(30), second.Steps[0].At);

        var detail = await CommandApp.Get<DisputeView>(duty, $"/api/disputes/{dispute.Id}");
        Assert.Equal(["registered", "step", "step"], detail.Timeline.Select(t => t.Kind));
        var listed = Assert.Single(await CommandApp.Get<List<DisputeView>>(duty, "/api/disputes?state=open&cause=homestead"));
        Assert.Equal(dispute.Id, listed.Id);
        Assert.Empty(await CommandApp.Get<List<DisputeView>>(duty, "/api/disputes?cause=labour"));

        var closed = await CommandApp.Read<DisputeView>(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/close", new { outcome = "mediated", note = "双方签订调解协议" }));
        Assert.Equal(("closed", "mediated"), (closed.State, closed.Outcome));
        var late = await CommandApp.Problem(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/steps", new { text = "补记" }), HttpStatusCode.Conflict);
        Assert.Contains("已于", ChineseRefusal.Check(late));
        Assert.Equal(2, (await CommandApp.Get<DisputeView>(duty, $"/api/disputes/{dispute.Id}")).Steps.Count);
    }

    [Fact]
    public async Task ADisputeGrownOutOfACaseTakesItsPlaceAndDescription()
    {
        var duty = app.Api("gx.duty");
        var incident = await app.CreateIncident(duty, type: "dispute", description: "邻里因排水沟争吵，报警求助");
        var dispute = await CommandApp.Read<DisputeView>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/disputes",
            new { parties = Parties(), cause = "neighbour", level = "ordinary" }), HttpStatusCode.Created);
        Assert.Equal((incident.Id, incident.Number, incident.JurisdictionId, "邻里因排水沟争吵，报警求助", incident.Location),
            (dispute.IncidentId, dispute.IncidentNumber, dispute.JurisdictionId, dispute.Description, dispute.Location));
        Assert.Contains(incident.Number, dispute.Timeline[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHandoffNobodySignsForWithin24HoursIsOverdueOnTheRecordAndTheReceiversResultClosesTheDispute()
    {
        var duty = app.Api("gx.duty");
        var t0 = app.Time.GetUtcNow();
        var dispute = await Registered(duty);
        await CommandApp.Read<DisputeView>(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/steps", new { text = "村调解员初步调解未果" }));
        var handed = await HandOff(duty, dispute, "gcg.leader");
        var handoff = Assert.Single(handed.Handoffs);
        Assert.Equal(("handedOff", "gcg.leader", "何平", t0.AddHours(24)), (handed.State, handoff.ReceiverUsername, handoff.ReceiverName, handoff.ReceiptDueAt));

        // 结案 belongs to the receiver's result now; nor does a second handoff go out while this one is pending.
        var closing = await CommandApp.Problem(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/close", new { outcome = "failed" }), HttpStatusCode.Conflict);
        Assert.Contains("须由接收人反馈结果后结案", ChineseRefusal.Check(closing));
        await CommandApp.Problem(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/handoffs", new { body = "court", receiver = "gx.leader" }), HttpStatusCode.Conflict);

        app.Time.SetUtcNow(t0.AddHours(25));
        var overdue = Assert.Single(await Eventually.Get(() => CommandApp.Get<List<DisputeView>>(duty, "/api/disputes?state=overdue"), l => l.Count == 1, "the overdue handoff"));
        Assert.Equal(t0.AddHours(25), overdue.Handoffs[0].OverdueAt);
        Assert.Contains(overdue.Timeline, t => t.Kind == "receiptOverdue" && t.By == "system");

        // Only the receiver signs for it and returns the result.
        var receiver = app.Api("gcg.leader");
        foreach (string other in new[] { "gx.duty", "gx.leader", "lt.leader" })
        {
            var refused = await CommandApp.Problem(await CommandApp.Post(app.Api(other), $"/api/disputes/{dispute.Id}/handoffs/1/receipt", new { }), HttpStatusCode.Forbidden);
            Assert.Contains("只有接收人可以签收", ChineseRefusal.Check(refused));
        }
        var early = await CommandApp.Problem(await CommandApp.Post(receiver, $"/api/disputes/{dispute.Id}/handoffs/1/result", new { success = true, text = "已调解" }), HttpStatusCode.Conflict);
        Assert.Contains("请先签收", ChineseRefusal.Check(early));
        var received = await CommandApp.Read<DisputeView>(await CommandApp.Post(receiver, $"/api/disputes/{dispute.Id}/handoffs/1/receipt", new { }));
        Assert.Equal(("领导:何平(gcg.leader)", t0.AddHours(25)), (received.Handoffs[0].ReceivedBy, received.Handoffs[0].ReceivedAt));
        Assert.Contains("逾期签收", received.Timeline[^1].Text, StringComparison.Ordinal);

        var result = await CommandApp.Read<DisputeView>(await CommandApp.Post(receiver, $"/api/disputes/{dispute.Id}/handoffs/1/result",
            new { success = true, text = "经街道人民调解委员会调解，双方达成书面协议" }));
        Assert.Equal(("closed", "mediated", "领导:何平(gcg.leader)"), (result.State, result.Outcome, result.ClosedBy));
        Assert.NotNull(result.Handoffs[0].OverdueAt);
        Assert.Equal(["registered", "step", "handedOff", "receiptOverdue", "received", "result"], result.Timeline.Select(t => t.Kind));
        Assert.Empty(await CommandApp.Get<List<DisputeView>>(duty, "/api/disputes?state=open"));
        await CommandApp.Problem(await CommandApp.Post(receiver, $"/api/disputes/{dispute.Id}/handoffs/1/result", new { success = false, text = "再报" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AReceiptInTimeIsNeverOverdueAndAFailedResultClosesTheDisputeAsFailed()
    {
        var duty = app.Api("gx.duty");
        var t0 = app.Time.GetUtcNow();
        var dispute = await HandOff(duty, await Registered(duty, "labour"), "lt.leader", "petition");
        var receiver = app.Api("lt.leader");
        await CommandApp.Read<DisputeView>(await CommandApp.Post(receiver, $"/api/disputes/{dispute.Id}/handoffs/1/receipt", new { }));

        app.Time.SetUtcNow(t0.AddHours(30));

        var after = await CommandApp.Get<DisputeView>(duty, $"/api/disputes/{dispute.Id}");
        Assert.Null(after.Handoffs[0].OverdueAt);
        Assert.Empty(await CommandApp.Get<List<DisputeView>>(duty, "/api/disputes?state=overdue"));
        var failed = await CommandApp.Read<DisputeView>(await CommandApp.Post(receiver, $"/api/disputes/{dispute.Id}/handoffs/1/result",
            new { success = false, text = "信访部门接谈，申请人坚持诉讼" }));
        Assert.Equal(("closed", "failed"), (failed.State, failed.Outcome));
    }

    [Fact]
    public async Task AnOverdueReceiptIsTakenWhenTheSiloComesBack()
    {
        var store = new MemoryStore();
        var time = TestClock.Create();
        var t0 = time.GetUtcNow();
        DisputeView dispute;
        await using (var before = new CommandApp(store, time: time))
        {
            var duty = before.Api("gx.duty");
            dispute = await HandOff(duty, await Registered(duty), "gcg.leader", "court");
        }

        time.SetUtcNow(t0.AddHours(26));

        await using var after = new CommandApp(store, time: time);
        var overdue = Assert.Single(await Eventually.Get(() => CommandApp.Get<List<DisputeView>>(after.Api("gx.duty"), "/api/disputes?state=overdue"),
            l => l.Count == 1, "the overdue handoff after the restart"));
        Assert.Equal((dispute.Id, t0.AddHours(26)), (overdue.Id, overdue.Handoffs[0].OverdueAt));
    }

    [Fact]
    public async Task ACriminalCaseIsLinkedAsMinZhuanXingAndCounted()
    {
        var duty = app.Api("gx.duty");
        var dispute = await Registered(duty);
        var criminal = await app.CreateIncident(duty, type: "criminal", description: "纠纷升级，一方持械伤人");
        var linked = await CommandApp.Read<DisputeView>(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/criminal-links", new { incidentId = criminal.Id }));
        var link = Assert.Single(linked.CriminalLinks);
        Assert.Equal((criminal.Id, criminal.Number, "值班员:王磊(gx.duty)"), (link.IncidentId, link.IncidentNumber, link.By));
        // Linking it again changes nothing.
        Assert.Single((await CommandApp.Read<DisputeView>(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/criminal-links", new { incidentId = criminal.Id }))).CriminalLinks);

        var notCriminal = await app.CreateIncident(duty, type: "publicOrder");
        var refused = await CommandApp.Problem(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/criminal-links", new { incidentId = notCriminal.Id }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("不是刑事警情", ChineseRefusal.Check(refused, notCriminal.Number));

        var rates = await CommandApp.Get<List<DisputeRateRow>>(duty, "/api/disputes/rates?jurisdiction=371525-t01");
        Assert.Equal(1, rates.Single(r => r.JurisdictionId == "371525-t01-v01").CriminalTurns);
    }

    [Fact]
    public async Task TheRatesOfEachChildJurisdictionEqualARecountOfTheLedgerAndFlagThoseUnder95Percent()
    {
        var duty = app.Api("gx.duty");
        var disputes = new List<DisputeView>();
        for (int i = 0; i < 5; i++)
        {
            disputes.Add(await Registered(duty, i % 2 == 0 ? "neighbour" : "marriageFamily"));
        }
        string[] outcomes = ["mediated", "mediated", "failed", "transferred"];
        for (int i = 0; i < outcomes.Length; i++)
        {
            await CommandApp.Read<DisputeView>(await CommandApp.Post(duty, $"/api/disputes/{disputes[i].Id}/close", new { outcome = outcomes[i] }));
        }

        var rows = await CommandApp.Get<List<DisputeRateRow>>(duty, "/api/disputes/rates?jurisdiction=371525");
        var ledger = await CommandApp.Get<List<DisputeView>>(duty, "/api/disputes");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var mine = ledger.Where(d => d.JurisdictionChain.Contains(row.JurisdictionId)).ToList();
            int closed = mine.Count(d => d.State == "closed"), mediated = mine.Count(d => d.Outcome == "mediated");
            Assert.Equal((mine.Count, closed, mediated), (row.Registered, row.Closed, row.Mediated));
            Assert.Equal(mine.Count == 0 ? null : Math.Round((double)closed / mine.Count, 4), row.ResolutionRate);
            Assert.Equal(closed == 0 ? null : Math.Round((double)mediated / closed, 4), row.SuccessRate);
        }
        var township = rows.Single(r => r.JurisdictionId == "371525-t01");
        Assert.Equal((5, 4, 2, 0.8, 0.5, true), (township.Registered, township.Closed, township.Mediated, township.ResolutionRate, township.SuccessRate, township.BelowTarget));
        Assert.All(rows.Where(r => r.Registered == 0), r => Assert.False(r.BelowTarget));

        // A period before any of them were registered counts none.
        var before = await CommandApp.Get<List<DisputeRateRow>>(duty,
            $"/api/disputes/rates?jurisdiction=371525&to={Uri.EscapeDataString(app.Time.GetUtcNow().AddDays(-2).ToString("O"))}");
        Assert.All(before, r => Assert.Equal(0, r.Registered));
    }

    [Fact]
    public async Task AnotherCountySeesNeitherTheDisputesNorTheirRates()
    {
        var duty = app.Api("gx.duty");
        var dispute = await Registered(duty);
        var shenxian = app.Api("sx.duty");
        Assert.Empty(await CommandApp.Get<List<DisputeView>>(shenxian, "/api/disputes"));
        await CommandApp.Problem(await shenxian.GetAsync($"/api/disputes/{dispute.Id}"), HttpStatusCode.NotFound);
        await CommandApp.Problem(await CommandApp.Post(shenxian, $"/api/disputes/{dispute.Id}/steps", new { text = "越权" }), HttpStatusCode.NotFound);
        await CommandApp.Problem(await shenxian.GetAsync("/api/disputes/rates?jurisdiction=371525"), HttpStatusCode.NotFound);
        var place = await CommandApp.Problem(await Register(duty, lon: Access.TwoCounties.ShenxianPoint.Lon, lat: Access.TwoCounties.ShenxianPoint.Lat), HttpStatusCode.Forbidden);
        ChineseRefusal.Check(place);
        // Patrol leaders keep no ledger.
        await CommandApp.Problem(await app.Api("gx.patrol").GetAsync("/api/disputes"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("cause", "纠纷类别")]
    [InlineData("level", "纠纷等级")]
    [InlineData("description", "纠纷情况")]
    [InlineData("parties", "当事人")]
    [InlineData("role", "身份")]
    [InlineData("phone", "联系电话")]
    [InlineData("lon", "经度")]
    public async Task ARegistrationWithAMissingOrWrongFieldIsRefusedInChineseAndNothingIsRegistered(string wrong, string says)
    {
        var duty = app.Api("gx.duty");
        object parties = wrong switch
        {
            "parties" => Array.Empty<object>(),
            "role" => new[] { new { name = "张三", role = "boss", phone = "13800000001" } },
            "phone" => new[] { new { name = "张三", role = "applicant", phone = "打电话" } },
            _ => Parties(),
        };
        var refused = await CommandApp.Problem(await CommandApp.Post(duty, "/api/disputes", new
        {
            parties,
            cause = wrong == "cause" ? "fight" : "homestead",
            description = wrong == "description" ? " " : "宅基地纠纷",
            lon = wrong == "lon" ? 500 : Lon,
            lat = Lat,
            level = wrong == "level" ? "huge" : "ordinary",
        }), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(says, ChineseRefusal.Check(refused, null, "neighbour", "marriageFamily", "landContract", "homestead", "labour", "landAcquisition",
            "medical", "property", "other", "ordinary", "major", "applicant", "respondent", "party"));
        Assert.Empty(await CommandApp.Get<List<DisputeView>>(duty, "/api/disputes"));
    }

    [Theory]
    [InlineData("nobody.here", "找不到可以签收的账号")]
    [InlineData("gx.patrol", "找不到可以签收的账号")]
    [InlineData("sx.duty", "不能接收")]
    [InlineData("", "接收人")]
    public async Task AHandoffToSomeoneWhoCannotReceiveItIsRefused(string receiver, string says)
    {
        var duty = app.Api("gx.duty");
        var dispute = await Registered(duty);
        var refused = await CommandApp.Problem(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/handoffs", new { body = "mediation", receiver }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains(says, ChineseRefusal.Check(refused, receiver == "sx.duty" ? dispute.Number : null, [dispute.Number, .. receiver.Split('.', StringSplitOptions.RemoveEmptyEntries)]));
        Assert.Empty((await CommandApp.Get<DisputeView>(duty, $"/api/disputes/{dispute.Id}")).Handoffs);
    }

    [Fact]
    public async Task TheSifasuoReceivesAPeopleMediationHandoverOnItsOwnPageAndItsResultClosesTheDispute()
    {
        var duty = app.Api("gx.duty");
        var dispute = await Registered(duty);

        // 人民调解 is the 司法所's; the 信访局 takes 访调, not this.
        var wrongBody = await CommandApp.Problem(await CommandApp.Post(duty, $"/api/disputes/{dispute.Id}/handoffs", new { body = "mediation", receiver = "gx.petition", note = "请调解" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("司法所", ChineseRefusal.Check(wrongBody));
        var handed = await HandOff(duty, dispute, "gx.justice");
        Assert.Equal(("gx.justice", "冠城关司法所"), (handed.Handoffs[0].ReceiverUsername, handed.Handoffs[0].ReceiverName));

        // It is on the 司法所's list, and on no other department's; a duty officer has no such list.
        var justice = app.Api("gx.justice");
        Assert.Equal([dispute.Id], (await CommandApp.Get<List<DisputeView>>(justice, "/api/disputes/mine")).Select(d => d.Id));
        Assert.Empty(await CommandApp.Get<List<DisputeView>>(app.Api("gx.petition"), "/api/disputes/mine"));
        await CommandApp.Problem(await app.Api("gx.duty").GetAsync("/api/disputes/mine"), HttpStatusCode.Forbidden);
        // Nor does the department keep a ledger: only its own handovers.
        await CommandApp.Problem(await justice.GetAsync("/api/disputes"), HttpStatusCode.Forbidden);

        app.Time.Advance(TimeSpan.FromHours(2));
        var received = await CommandApp.Read<DisputeView>(await CommandApp.Post(justice, $"/api/disputes/{dispute.Id}/handoffs/1/receipt", new { }));
        Assert.Equal("联动单位:冠城关司法所(gx.justice)", received.Handoffs[0].ReceivedBy);
        var closed = await CommandApp.Read<DisputeView>(await CommandApp.Post(justice, $"/api/disputes/{dispute.Id}/handoffs/1/result",
            new { success = true, text = "经人民调解委员会调解，双方签订书面协议" }));
        Assert.Equal(("closed", "mediated"), (closed.State, closed.Outcome));
        Assert.Equal("closed", (await CommandApp.Get<DisputeView>(duty, $"/api/disputes/{dispute.Id}")).State);
    }

    [Fact]
    public async Task AMajorDisputeRegisteredInAVillageIsReportedStraightToTheCounty()
    {
        await using var county = await HubClient.ConnectAsync(app, await app.SignIn("gx.duty"));
        var village = app.Api("lt.leader");
        var ordinary = await CommandApp.Read<DisputeView>(await Register(village, cause: "neighbour"), HttpStatusCode.Created);
        Assert.DoesNotContain(ordinary.Timeline, t => t.Kind == "directReported");

        var major = await CommandApp.Read<DisputeView>(await Register(village, cause: "landAcquisition", level: "major",
            description: "征地补偿分歧，三十余户村民扬言集体上访"), HttpStatusCode.Created);
        var line = Assert.Single(major.Timeline, t => t.Kind == "directReported");
        Assert.Equal(("重大矛盾纠纷直报冠县", "领导:马丽(lt.leader)"), (line.Text, line.By));
        var pushed = await county.ReceiveAsync("MajorDisputeReported", d => d.GetProperty("id").GetString() == major.Id);
        Assert.Equal((major.Number, major.JurisdictionId), (pushed.GetProperty("number").GetString(), pushed.GetProperty("jurisdictionId").GetString()));
        Assert.StartsWith("371525-t01-v01", major.JurisdictionId, StringComparison.Ordinal);
        // Only the major one was pushed as 直报.
        Assert.DoesNotContain(county.Received, m => m.Target == "MajorDisputeReported" && m.Argument.GetProperty("id").GetString() == ordinary.Id);

        // Another county hears nothing of it.
        await using var other = await HubClient.ConnectAsync(app, await app.SignIn("sx.duty"));
        var second = await CommandApp.Read<DisputeView>(await Register(village, level: "major"), HttpStatusCode.Created);
        await county.ReceiveAsync("MajorDisputeReported", d => d.GetProperty("id").GetString() == second.Id);
        Assert.DoesNotContain(other.Received, m => m.Target == "MajorDisputeReported");
    }
}
