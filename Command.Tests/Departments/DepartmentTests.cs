using System.Net;
using System.Text.Json;
using Command.Abstractions.Access;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Silo.Departments;
using Command.Tests.Support;

namespace Command.Tests.Departments;

/// <summary>联动单位: a case calls in departments as 牵头 or 协作; each signs for its call (签收) by a deadline and reports
/// back (反馈) until 处置完毕; a department sees only the cases it is called into.</summary>
public sealed class DepartmentTests : AppTest
{
    private static Task<HttpResponseMessage> Call(HttpClient client, IncidentDetail incident, string department, string role, string task) =>
        CommandApp.Post(client, $"/api/incidents/{incident.Id}/departments", new { department, role, task });

    private static async Task<DepartmentCall> Called(HttpClient client, IncidentDetail incident, string department, string role, string task = "扑救火灾并搜救被困人员") =>
        (await CommandApp.Read<IncidentDetail>(await Call(client, incident, department, role, task), HttpStatusCode.Created)).Departments!
            .Last(d => d.Username == department || d.Kind == department);

    private async Task<List<TimelineEntry>> Timeline(IncidentDetail incident) =>
        await CommandApp.Get<List<TimelineEntry>>(app.Api("gx.duty"), $"/api/incidents/{incident.Id}/timeline");

    [Fact]
    public async Task ACalledDepartmentSignsWithinTheDeadlineAndReportsBackUntilItIsDone()
    {
        var duty = app.Api("gx.duty");
        var t0 = app.Time.GetUtcNow();
        var incident = await app.CreateIncident(duty, type: "fire", channel: 119, description: "居民楼三层起火，有人被困");
        var call = await Called(duty, incident, "gx.fire", "lead");
        Assert.Equal((1, "冠县消防救援大队", DepartmentKinds.Fire, DepartmentRole.Lead, "值班员:王磊(gx.duty)", t0.AddMinutes(5)),
            (call.Number, call.DepartmentName, call.Kind, call.Role, call.CalledBy, call.DueAt));

        // The department finds the case on its own list, with what it needs to go.
        var fire = app.Api("gx.fire");
        var listed = Assert.Single(await CommandApp.Get<List<DepartmentCase>>(fire, "/api/departments/mine"));
        Assert.Equal((incident.Number, "居民楼三层起火，有人被困", "扑救火灾并搜救被困人员"), (listed.Number, listed.Description, Assert.Single(listed.Calls).Task));

        app.Time.Advance(TimeSpan.FromMinutes(2));
        var received = await CommandApp.Read<DepartmentCase>(await CommandApp.Post(fire, $"/api/incidents/{incident.Id}/departments/1/receipt", new { }));
        Assert.Equal((t0.AddMinutes(2), "联动单位:冠县消防救援大队(gx.fire)"), (received.Calls[0].ReceivedAt, received.Calls[0].ReceivedBy));
        var twice = await CommandApp.Problem(await CommandApp.Post(fire, $"/api/incidents/{incident.Id}/departments/1/receipt", new { }), HttpStatusCode.Conflict);
        ChineseRefusal.Check(twice, incident.Number);

        await CommandApp.Read<DepartmentCase>(await CommandApp.Post(fire, $"/api/incidents/{incident.Id}/departments/1/reports", new { text = "已到达现场，正在灭火" }));
        var done = await CommandApp.Read<DepartmentCase>(await CommandApp.Post(fire, $"/api/incidents/{incident.Id}/departments/1/reports", new { text = "明火已扑灭，救出2人", final = true }));
        Assert.Equal(["已到达现场，正在灭火", "明火已扑灭，救出2人"], done.Calls[0].Reports!.Select(r => r.Text));
        Assert.NotNull(done.Calls[0].FinishedAt);
        ChineseRefusal.Check(await CommandApp.Problem(await CommandApp.Post(fire, $"/api/incidents/{incident.Id}/departments/1/reports", new { text = "补充" }), HttpStatusCode.Conflict));

        // Past the deadline nothing is late: it was signed in time.
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var detail = await CommandApp.Get<IncidentDetail>(duty, $"/api/incidents/{incident.Id}");
        Assert.Null(Assert.Single(detail.Departments!).OverdueAt);
        var kinds = (await Timeline(incident)).Where(e => e.Kind.StartsWith("department", StringComparison.Ordinal)).ToList();
        Assert.Equal(["departmentCalled", "departmentReceived", "departmentReported", "departmentReported"], kinds.Select(e => e.Kind));
        Assert.All(kinds.Skip(1), e => Assert.Equal("联动单位:冠县消防救援大队(gx.fire)", e.Actor));
    }

    [Fact]
    public async Task ADepartmentThatDoesNotSignInTimeIsMarkedLateTheDutyConsoleHearsOfItAndAMissedLeadEscalates()
    {
        var duty = app.Api("gx.duty");
        await using var console = await HubClient.ConnectAsync(app, await app.SignIn("gx.duty"));
        var t0 = app.Time.GetUtcNow();
        var incident = await app.CreateIncident(duty, type: "medical", channel: 120, description: "老人倒地不起");
        var call = await Called(duty, incident, "gx.120", "lead", "派救护车到场救治");

        app.Time.Advance(TimeSpan.FromMinutes(6));

        var overdue = await Eventually.Get(async () => (await Timeline(incident)).Where(e => e.Kind == "departmentReceiptOverdue").ToList(), l => l.Count == 1, "未按时签收");
        Assert.Equal("system", overdue[0].Actor);
        var changed = await console.ReceiveAsync("IncidentChanged", s => s.GetProperty("id").GetString() == incident.Id && s.GetProperty("departmentsOverdue").GetInt32() == 1);
        Assert.Equal(incident.Number, changed.GetProperty("number").GetString());
        var escalation = Assert.Single(await CommandApp.Get<List<EscalationView>>(duty, "/api/escalations"), e => e.IncidentId == incident.Id);
        Assert.Equal(EscalationTriggers.DepartmentOverdue, escalation.Trigger);
        Assert.Contains("冠县急救中心", escalation.Reason);
        Assert.Equal("冠城关街道", escalation.JurisdictionName);

        // A late 签收 is still taken, and stays late on the record.
        var late = await CommandApp.Read<DepartmentCase>(await CommandApp.Post(app.Api("gx.120"), $"/api/incidents/{incident.Id}/departments/{call.Number}/receipt", new { }));
        Assert.Equal((t0.AddMinutes(6), t0.AddMinutes(6)), (late.Calls[0].ReceivedAt, late.Calls[0].OverdueAt));
        Assert.Equal(0, (await CommandApp.Get<List<IncidentSummary>>(duty, "/api/incidents?active=true")).Single(i => i.Id == incident.Id).DepartmentsOverdue);
    }

    [Fact]
    public async Task ASupportingDepartmentThatMissesItsDeadlineIsMarkedLateWithoutEscalating()
    {
        var duty = app.Api("gx.duty");
        var incident = await app.CreateIncident(duty, type: "dispute", description: "群众聚集讨要工资");
        var call = await Called(duty, incident, "gx.petition", "support", "派员到场接待群众");
        Assert.Equal(app.Time.GetUtcNow().AddMinutes(30), call.DueAt); // 信访 is no emergency service: half an hour

        app.Time.Advance(TimeSpan.FromMinutes(31));

        await Eventually.Get(async () => (await Timeline(incident)).Where(e => e.Kind == "departmentReceiptOverdue").ToList(), l => l.Count == 1, "未按时签收");
        Assert.DoesNotContain(await CommandApp.Get<List<EscalationView>>(duty, "/api/escalations"), e => e.IncidentId == incident.Id);
    }

    [Fact]
    public async Task ACaseHasOneLeadTheOthersSupportAndADepartmentIsNotCalledTwice()
    {
        var duty = app.Api("gx.duty");
        var incident = await app.CreateIncident(duty, type: "traffic", channel: 122);
        await Called(duty, incident, "gx.traffic", "lead", "现场交通管制");

        var second = await CommandApp.Problem(await Call(duty, incident, "gx.fire", "lead", "破拆救人"), HttpStatusCode.Conflict);
        Assert.Contains("只能有一个牵头单位", ChineseRefusal.Check(second, incident.Number));
        var support = await Called(duty, incident, "fire", "support", "破拆救人"); // by kind: 冠县's 消防
        Assert.Equal(("gx.fire", 2), (support.Username, support.Number));
        var again = await CommandApp.Problem(await Call(duty, incident, "gx.fire", "support", "再派"), HttpStatusCode.Conflict);
        ChineseRefusal.Check(again, incident.Number);
        Assert.Equal(2, (await CommandApp.Get<IncidentDetail>(duty, $"/api/incidents/{incident.Id}")).Departments!.Count);
    }

    [Theory]
    [InlineData("", "lead", "扑救", "请选择要调度的联动单位")]
    [InlineData("gx.fire", "boss", "扑救", "牵头单位还是协作单位")]
    [InlineData("gx.fire", "lead", "", "请填写联动任务")]
    [InlineData("gx.fire", "lead", "扑救\u202e火灾", "特殊字符")]
    [InlineData("gx.nobody", "lead", "扑救", "找不到这个联动单位")]
    [InlineData("gx.duty", "lead", "扑救", "找不到这个联动单位")]
    [InlineData("urbanManagement", "lead", "扑救", "没有城管的联动单位账号")]
    public async Task ACallWithoutADepartmentARoleOrATaskIsRefusedInChinese(string department, string role, string task, string says)
    {
        var duty = app.Api("gx.duty");
        var incident = await app.CreateIncident(duty, type: "fire", channel: 119);

        var refused = await CommandApp.Problem(await Call(duty, incident, department, role, task), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(says, ChineseRefusal.Check(refused, null, incident.Number));
        Assert.Empty((await CommandApp.Get<IncidentDetail>(duty, $"/api/incidents/{incident.Id}")).Departments ?? []);
    }

    [Fact]
    public async Task ADepartmentSeesOnlyTheCasesItIsCalledIntoAndWorksOnlyItsOwnCalls()
    {
        var duty = app.Api("gx.duty");
        var fireCase = await app.CreateIncident(duty, type: "fire", channel: 119);
        var medicalCase = await app.CreateIncident(duty, type: "medical", channel: 120);
        await Called(duty, medicalCase, "gx.120", "lead", "救治伤员");
        app.Time.Advance(TimeSpan.FromSeconds(30));
        await Called(duty, fireCase, "gx.120", "support", "现场医疗保障");

        var fire = app.Api("gx.fire");
        Assert.Empty(await CommandApp.Get<List<DepartmentCase>>(fire, "/api/departments/mine"));
        ChineseRefusal.Check(await CommandApp.Problem(await CommandApp.Post(fire, $"/api/incidents/{medicalCase.Id}/departments/1/receipt", new { }), HttpStatusCode.NotFound));
        await CommandApp.Problem(await fire.GetAsync($"/api/incidents/{medicalCase.Id}"), HttpStatusCode.Forbidden);

        // Called into the same case, it still cannot sign or report for another department's call.
        await Called(duty, fireCase, "gx.fire", "lead");
        Assert.Equal([fireCase.Number], (await CommandApp.Get<List<DepartmentCase>>(fire, "/api/departments/mine")).Select(c => c.Number));
        var other = await CommandApp.Problem(await CommandApp.Post(fire, $"/api/incidents/{fireCase.Id}/departments/1/receipt", new { }), HttpStatusCode.Forbidden);
        Assert.Contains("冠县急救中心", ChineseRefusal.Check(other));
        var medical = app.Api("gx.120");
        Assert.Equal([fireCase.Number, medicalCase.Number], (await CommandApp.Get<List<DepartmentCase>>(medical, "/api/departments/mine")).Select(c => c.Number));
        // A report before 签收 is refused: the centre must know the call was taken first.
        ChineseRefusal.Check(await CommandApp.Problem(await CommandApp.Post(medical, $"/api/incidents/{fireCase.Id}/departments/1/reports", new { text = "到场" }), HttpStatusCode.Conflict), fireCase.Number);
        ChineseRefusal.Check(await CommandApp.Problem(await CommandApp.Post(medical, $"/api/incidents/{fireCase.Id}/departments/1/reports", new { text = " " }), HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task ADepartmentHearsOnTheHubOnlyTheCasesItIsCalledInto()
    {
        var duty = app.Api("gx.duty");
        await using var fire = await HubClient.ConnectAsync(app, await app.SignIn("gx.fire"));
        var other = await app.CreateIncident(duty, type: "publicOrder");
        var incident = await app.CreateIncident(duty, type: "fire", channel: 119);

        await Called(duty, incident, "gx.fire", "lead");

        var seen = new List<HubMessage>();
        var changed = await fire.ReceiveAsync("IncidentChanged", s => s.GetProperty("id").GetString() == incident.Id, seen.Add);
        Assert.Equal(["gx.fire"], changed.GetProperty("departments").EnumerateArray().Select(e => e.GetString()));
        Assert.All(seen, m => Assert.Equal(incident.Id, m.Argument.GetProperty("id").GetString()));
        Assert.DoesNotContain(fire.Received, m => m.Argument.ValueKind == JsonValueKind.Object && m.Argument.TryGetProperty("id", out var id) && id.GetString() == other.Id);
    }

    [Fact]
    public async Task AnotherCountyNeitherCallsIntoTheCaseNorIsCalledIntoIt()
    {
        var duty = app.Api("gx.duty");
        var incident = await app.CreateIncident(duty, type: "fire", channel: 119);
        await Called(duty, incident, "gx.fire", "lead");

        var shenxian = app.Api("sx.duty");
        ChineseRefusal.Check(await CommandApp.Problem(await Call(shenxian, incident, "gx.fire", "support", "增援"), HttpStatusCode.NotFound));

        // 莘县's power company, opened by the administrator, cannot be called into 冠县's case.
        var created = await CommandApp.Read<UserView>(await CommandApp.Post(app.Api("admin"), "/api/users",
            new { username = "sx.power", displayName = "莘县供电公司", role = "department", department = "power", jurisdictionId = "371522", password = "Xq7-rain-Lantern-42" }), HttpStatusCode.Created);
        Assert.Equal((Role.Department, "power"), (created.Role, created.Department));
        var refused = await CommandApp.Problem(await Call(duty, incident, "sx.power", "support", "增援"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("不负责", ChineseRefusal.Check(refused, incident.Number));
        Assert.DoesNotContain(await CommandApp.Get<List<DepartmentView>>(duty, "/api/departments"), d => d.Username == "sx.power");
        Assert.Contains(await CommandApp.Get<List<DepartmentView>>(shenxian, "/api/departments"), d => d.Username == "sx.power");
        var sxPower = app.WithToken(await app.SignIn("sx.power", "Xq7-rain-Lantern-42"));
        ChineseRefusal.Check(await CommandApp.Problem(await CommandApp.Post(sxPower, $"/api/incidents/{incident.Id}/departments/1/receipt", new { }), HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("department", null, "单位类别")]
    [InlineData("department", "police", "单位类别")]
    [InlineData("dutyOfficer", "fire", "只有联动单位账号")]
    public async Task AnAdministratorOpensADepartmentAccountOnlyWithAKnownKind(string role, string? department, string says)
    {
        var refused = await CommandApp.Problem(await CommandApp.Post(app.Api("admin"), "/api/users",
            new { username = "gx.power", displayName = "冠县供电公司", role, department, jurisdictionId = "371525", password = "Xq7-rain-Lantern-42" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(says, ChineseRefusal.Check(refused));
    }

    [Fact]
    public async Task EachCountyCallsItsOwnDepartmentsAndNotTheNeighbours()
    {
        var sx = app.Api("sx.duty");
        var offered = await CommandApp.Get<List<DepartmentView>>(sx, "/api/departments");
        Assert.Equal(["sx.120", "sx.fire", "sx.traffic"], offered.Select(d => d.Username).Order(StringComparer.Ordinal));
        var guanxian = await CommandApp.Get<List<DepartmentView>>(app.Api("gx.duty"), "/api/departments");
        Assert.DoesNotContain(guanxian, d => d.Username.StartsWith("sx.", StringComparison.Ordinal));

        var (lon, lat) = Access.TwoCounties.ShenxianPoint;
        var incident = await app.CreateIncident(sx, lon, lat, type: "fire", channel: 119, description: "莘县一厂房起火");
        var call = await Called(sx, incident, "sx.fire", "lead");
        Assert.Equal(("莘县消防救援大队", DepartmentKinds.Fire), (call.DepartmentName, call.Kind));
        ChineseRefusal.Check(await CommandApp.Problem(await Call(sx, incident, "gx.120", "support", "救治伤员"), HttpStatusCode.UnprocessableEntity));

        // 莘县's brigade sees its case; 冠县's does not.
        Assert.Single(await CommandApp.Get<List<DepartmentCase>>(app.Api("sx.fire"), "/api/departments/mine"));
        Assert.DoesNotContain(await CommandApp.Get<List<DepartmentCase>>(app.Api("gx.fire"), "/api/departments/mine"), c => c.IncidentId == incident.Id);
    }
}
