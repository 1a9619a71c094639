using System.Net;
using Command.Abstractions.FollowUps;
using Command.Abstractions.Incidents;
using Command.Silo.Storage;
using Command.Tests.Support;

namespace Command.Tests.FollowUps;

/// <summary>跟踪督办: a task on a case with an owner and a deadline; the owner reports back; only the opener closes it off.</summary>
public sealed class FollowUpTests : AppTest
{
    private static Task<HttpResponseMessage> Open(HttpClient client, IncidentDetail incident, string task, string owner, DateTimeOffset dueAt) =>
        CommandApp.Post(client, $"/api/incidents/{incident.Id}/follow-ups", new { task, owner, dueAt });

    [Fact]
    public async Task TheOwnerReportsBackAndOnlyTheOneWhoOpenedTheItemClosesItOff()
    {
        var duty = app.Api("gx.duty");
        var incident = await app.CreateIncident(duty, type: "dispute", description: "邻里宅基地纠纷，双方争执");
        var due = app.Time.GetUtcNow().AddDays(3);
        var item = await CommandApp.Read<FollowUpView>(await Open(duty, incident, "三日内查清纠纷起因并组织调解", "gcg.leader", due), HttpStatusCode.Created);
        Assert.Equal(("open", "gcg.leader", "何平", "值班员:王磊(gx.duty)", due), (item.State, item.OwnerUsername, item.OwnerName, item.OpenedBy, item.DueAt));

        // The owner, a township leader, finds it among their own items.
        var owner = app.Api("gcg.leader");
        Assert.Equal([item.Id], (await CommandApp.Get<List<FollowUpView>>(owner, "/api/follow-ups?mine=true")).Select(f => f.Id));

        var notOwner = await CommandApp.Problem(await CommandApp.Post(app.Api("gx.leader"), $"/api/follow-ups/{item.Id}/replies", new { text = "已办" }), HttpStatusCode.Forbidden);
        Assert.Contains("只有责任人可以反馈", ChineseRefusal.Check(notOwner));
        var noReply = await CommandApp.Problem(await CommandApp.Post(duty, $"/api/follow-ups/{item.Id}/close", new { }), HttpStatusCode.Conflict);
        Assert.Contains("件件有回音", ChineseRefusal.Check(noReply));

        var replied = await CommandApp.Read<FollowUpView>(await CommandApp.Post(owner, $"/api/follow-ups/{item.Id}/replies", new { text = "已组织双方到村委会调解，达成协议" }));
        Assert.Equal("replied", replied.State);
        Assert.Equal(("领导:何平(gcg.leader)", "已组织双方到村委会调解，达成协议"), (replied.Replies[0].By, replied.Replies[0].Text));

        var byOwner = await CommandApp.Problem(await CommandApp.Post(owner, $"/api/follow-ups/{item.Id}/close", new { }), HttpStatusCode.Forbidden);
        Assert.Contains("只有交办人可以销号", ChineseRefusal.Check(byOwner));
        var closed = await CommandApp.Read<FollowUpView>(await CommandApp.Post(duty, $"/api/follow-ups/{item.Id}/close", new { note = "经回访，双方无异议" }));
        Assert.Equal(("closed", "值班员:王磊(gx.duty)", "经回访，双方无异议"), (closed.State, closed.ClosedBy, closed.CloseNote));
        Assert.Equal(closed.ClosedAt, (await CommandApp.Read<FollowUpView>(await CommandApp.Post(duty, $"/api/follow-ups/{item.Id}/close", new { }))).ClosedAt);
        await CommandApp.Problem(await CommandApp.Post(owner, $"/api/follow-ups/{item.Id}/replies", new { text = "补充" }), HttpStatusCode.Conflict);
        Assert.Empty(await CommandApp.Get<List<FollowUpView>>(duty, "/api/follow-ups?state=open"));
        Assert.Single(await CommandApp.Get<List<FollowUpView>>(duty, "/api/follow-ups?state=closed"));
    }

    [Fact]
    public async Task AnItemNobodyReportsBackOnIsOverdueAtItsDeadlineEvenAcrossARestartAndStaysLateOnTheRecord()
    {
        var store = new MemoryStore();
        var time = TestClock.Create();
        var t0 = time.GetUtcNow();
        FollowUpView item;
        await using (var before = new CommandApp(store, time: time))
        {
            var duty = before.Api("gx.duty");
            var incident = await before.CreateIncident(duty, type: "dispute");
            item = await CommandApp.Read<FollowUpView>(await Open(duty, incident, "明日前回访当事人", "lt.leader", t0.AddDays(1)), HttpStatusCode.Created);
        }

        time.SetUtcNow(t0.AddDays(1).AddHours(2)); // the deadline passes while the silo is down

        await using var after = new CommandApp(store, time: time);
        var duty2 = after.Api("gx.duty");
        var overdue = Assert.Single(await Eventually.Get(() => CommandApp.Get<List<FollowUpView>>(duty2, "/api/follow-ups?state=overdue"), l => l.Count == 1, "the overdue item"));
        Assert.Equal((item.Id, t0.AddDays(1).AddHours(2)), (overdue.Id, overdue.OverdueAt));

        // A late report back is on the record as late: the item stays overdue until it is closed off.
        var late = await CommandApp.Read<FollowUpView>(await CommandApp.Post(after.Api("lt.leader"), $"/api/follow-ups/{item.Id}/replies", new { text = "已回访" }));
        Assert.Equal(("replied", true), (late.State, late.IsOverdue));
        Assert.Single(await CommandApp.Get<List<FollowUpView>>(duty2, "/api/follow-ups?state=overdue"));
    }

    [Fact]
    public async Task AReportBackInTimeIsNeverOverdue()
    {
        var duty = app.Api("gx.duty");
        var t0 = app.Time.GetUtcNow();
        var incident = await app.CreateIncident(duty, type: "dispute");
        var item = await CommandApp.Read<FollowUpView>(await Open(duty, incident, "回访", "lt.leader", t0.AddHours(4)), HttpStatusCode.Created);
        await CommandApp.Read<FollowUpView>(await CommandApp.Post(app.Api("lt.leader"), $"/api/follow-ups/{item.Id}/replies", new { text = "已回访" }));

        app.Time.SetUtcNow(t0.AddHours(5));

        var after = await CommandApp.Get<FollowUpView>(duty, $"/api/follow-ups/{item.Id}");
        Assert.Null(after.OverdueAt);
        Assert.Empty(await CommandApp.Get<List<FollowUpView>>(duty, "/api/follow-ups?state=overdue"));
    }

    [Theory]
    [InlineData("", "gcg.leader", 1, "督办事项")]
    [InlineData("回访", "nobody.here", 1, "找不到可以承办的账号")]
    [InlineData("回访", "gx.patrol", 1, "找不到可以承办的账号")]
    [InlineData("回访", "sx.duty", 1, "不能承办")]
    [InlineData("回访", "gcg.leader", -1, "办结时限")]
    [InlineData("回访", "gcg.leader", 200, "办结时限")]
    public async Task AnItemWithoutATaskAnOwnerWhoCanTakeItOrASensibleDeadlineIsRefused(string task, string owner, int dueDays, string says)
    {
        var duty = app.Api("gx.duty");
        var incident = await app.CreateIncident(duty, type: "dispute");

        var refused = await CommandApp.Problem(await Open(duty, incident, task, owner, app.Time.GetUtcNow().AddDays(dueDays)), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(says, ChineseRefusal.Check(refused, null, owner.Split('.')));
        Assert.Empty(await CommandApp.Get<List<FollowUpView>>(duty, "/api/follow-ups"));
    }

    [Fact]
    public async Task AnotherCountySeesNeitherTheItemsNorTheirCases()
    {
        var duty = app.Api("gx.duty");
        var incident = await app.CreateIncident(duty, type: "dispute");
        var item = await CommandApp.Read<FollowUpView>(await Open(duty, incident, "回访", "gcg.leader", app.Time.GetUtcNow().AddDays(1)), HttpStatusCode.Created);

        var shenxian = app.Api("sx.duty");
        Assert.Empty(await CommandApp.Get<List<FollowUpView>>(shenxian, "/api/follow-ups"));
        await CommandApp.Problem(await shenxian.GetAsync($"/api/follow-ups/{item.Id}"), HttpStatusCode.NotFound);
        await CommandApp.Problem(await Open(shenxian, incident, "回访", "sx.leader", app.Time.GetUtcNow().AddDays(1)), HttpStatusCode.NotFound);
    }
}
