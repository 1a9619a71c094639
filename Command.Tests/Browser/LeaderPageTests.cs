using System.Text.Json;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>领导督办 signed in: 签收 is signed by the leader signed in, with no name to type; 提级 takes a case a level
/// higher with a reason; a case has one row, at its highest step, with only the buttons the leader may use.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class LeaderPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task LeaderSignsForAnEscalationWithoutTypingAName()
    {
        var (incident, escalation) = await EscalatedIncidentAsync("371502", "商场内发生斗殴，多人受伤");
        var page = await browser.NewPageAsync(1600, 1000);
        await page.OpenLeaderAsync(browser.Silo.BaseAddress, "lc.leader");
        await Assertions.Expect(page.Locator("#leader-name")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#user-name")).ToHaveTextAsync("李强");
        await Assertions.Expect(page.Locator("#user-role")).ToHaveTextAsync("领导");
        await Assertions.Expect(page.Locator("#user-jurisdiction")).ToHaveTextAsync("聊城市");

        var row = page.Locator($"#escalation-table tr[data-id='{escalation.Id()}']");
        await Assertions.Expect(row).ToContainTextAsync(incident.Text("number"));
        await Assertions.Expect(row).ToContainTextAsync("等级提升");
        await row.Locator(".ack-comment").FillAsync("已阅，请东昌府区加强现场警力");
        await page.ScreenshotAsync("leader", fullPage: true);
        await row.Locator("button.ack").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#page-message")).ToContainTextAsync($"已签收 {incident.Text("number")}");

        var acknowledged = (await browser.Api.GetJsonAsync("api/escalations")).EnumerateArray().Single(e => e.Id() == escalation.Id());
        Assert.Equal("领导:李强(lc.leader)", acknowledged.Text("acknowledgedBy"));
        Assert.Equal("已阅，请东昌府区加强现场警力", acknowledged.Text("acknowledgementComment"));
    }

    [Fact]
    public async Task CountyLeaderEscalatesFurtherAndKeepsOneRowPerCaseWithOnlyTheButtonsTheirs()
    {
        var (incident, township) = await EscalatedIncidentAsync("371525", "村民与施工方对峙，情绪激动");
        Assert.Equal("township", township.Text("level"));
        var page = await browser.NewPageAsync(1600, 1000);
        await page.OpenLeaderAsync(browser.Silo.BaseAddress, "gx.leader");
        await Assertions.Expect(page.Locator("#user-jurisdiction")).ToHaveTextAsync("冠县");
        var rows = page.Locator($"#escalation-table tr[data-incident='{incident.Id()}']");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        // No reason, no 提级.
        await rows.First.Locator("button.escalate").ClickAsync();
        await page.ClickAsync($"tr.escalate-row[data-for='{township.Id()}'] .confirm-escalate");
        await Assertions.Expect(page.Locator("#page-message.error")).ToHaveTextAsync("请填写提级理由");

        // With one: the case goes to 冠县 (county), as the leader's decision.
        await page.FillAsync($"tr.escalate-row[data-for='{township.Id()}'] .escalate-reason", "涉及人数多，须县级统筹处置");
        await page.ClickAsync($"tr.escalate-row[data-for='{township.Id()}'] .confirm-escalate");
        var county = page.Locator($"#escalation-table tr.level-county[data-incident='{incident.Id()}']");
        await Assertions.Expect(county).ToContainTextAsync("领导决定提级");
        await Assertions.Expect(county).ToContainTextAsync("涉及人数多，须县级统筹处置");
        await Assertions.Expect(page.Locator("#page-message")).ToContainTextAsync("已提级");
        var raised = (await browser.Api.GetJsonAsync("api/escalations?open=true")).EnumerateArray()
            .Single(e => e.Text("incidentId") == incident.Id() && e.Text("level") == "county");
        Assert.Equal("leaderDecision", raised.Text("trigger"));

        // One row per case: the township step was passed up to 冠县 and left the list.
        await Assertions.Expect(page.Locator($"#escalation-table tr[data-id='{township.Id()}']")).ToHaveCountAsync(0);
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        var passedUp = (await browser.Api.GetJsonAsync("api/escalations")).EnumerateArray().Single(e => e.Id() == township.Id());
        Assert.Equal("冠县", passedUp.Text("passedUpTo"));
        await page.ScreenshotAsync("leader-escalate-further", fullPage: true);

        // Up once more, to the city: the case stays in sight, but signing for it or going higher is the city's, so the
        // county leader is offered 批示 only.
        string countyId = raised.Id();
        await county.Locator("button.escalate").ClickAsync();
        await page.FillAsync($"tr.escalate-row[data-for='{countyId}'] .escalate-reason", "需市级协调多部门");
        await page.ClickAsync($"tr.escalate-row[data-for='{countyId}'] .confirm-escalate");
        var city = page.Locator($"#escalation-table tr.level-city[data-incident='{incident.Id()}']");
        await Assertions.Expect(city).ToContainTextAsync("需市级协调多部门");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(city.Locator("button.ack")).ToHaveCountAsync(0);
        await Assertions.Expect(city.Locator("button.escalate")).ToHaveCountAsync(0);
        await Assertions.Expect(city.Locator(".not-ours")).ToHaveTextAsync("待聊城市签收");
        await Assertions.Expect(city.Locator("button.instruct")).ToHaveCountAsync(1);
    }

    /// <summary>An incident near a team of the county, raised to severity I by the city's duty officer: an upgrade
    /// escalates it to its township (督办, trigger 等级提升).</summary>
    [Fact]
    public async Task ALeaderChecksInOnTheConsoleAsThemselvesAddingOnlyTheirPost()
    {
        var incident = await browser.Api.PostJsonAsync("api/incidents", new
        {
            channel = 110, type = "massIncident", lon = 115.45, lat = 36.49, address = "吕堂社区村委会", description = "村民聚集反映征地补偿", crowdSize = 60, cause = "landAcquisition",
        });
        var page = await browser.NewPageAsync(1600, 1000);
        // A leader lands on /leader after signing in; the incident's panel with 领导到场签到 is on the console at /.
        await page.OpenSignedInAsync(browser.Silo.BaseAddress, "gx.leader");
        await page.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.leader");
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await page.ClickAsync("#action-checkin");

        // No name or level to type or pick: the server records the leader signed in, at 冠县's county level.
        await Assertions.Expect(page.Locator("#checkin-leader")).ToHaveTextAsync("赵敏（gx.leader）");
        await Assertions.Expect(page.Locator("#checkin-level")).ToHaveCountAsync(0);
        await page.FillAsync("#checkin-title", "县委副书记");
        await page.FillAsync("#checkin-note", "已到村委会与群众代表对话");
        await page.ClickAsync("#checkin-form button[type='submit']");

        await Assertions.Expect(page.Locator(".milestones [data-name='townshipLeaderOnScene']")).ToContainTextAsync("领导:赵敏(gx.leader)");
        await Assertions.Expect(page.Locator("#detail-timeline li[data-kind='leaderCheckedIn']")).ToContainTextAsync("县委副书记");
        await page.ScreenshotAsync("leader-check-in");
        var checkIn = (await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}/timeline")).EnumerateArray().Single(e => e.Text("kind") == "leaderCheckedIn");
        Assert.Equal(("gx.leader", "county", "已到村委会与群众代表对话"),
            (checkIn.GetProperty("data").Text("username"), checkIn.GetProperty("data").Text("level"), checkIn.GetProperty("data").Text("note")));
    }

    /// <summary>批示: the county leader writes an instruction from an escalation row and from a golden-window card; the
    /// duty officer's console keeps each in front of them until they mark it read, and the card shows who read it.</summary>
    [Fact]
    public async Task ALeadersInstructionStaysOnTheDutyConsoleUntilItIsRead()
    {
        var (escalated, escalation) = await EscalatedIncidentAsync("371525", "两伙人在路口争执，有动手迹象");
        var mass = await browser.Api.PostJsonAsync("api/incidents", new
        {
            channel = 110, type = "massIncident", lon = 115.45, lat = 36.49, address = "吕堂社区村委会", description = "村民聚集反映拆迁补偿", crowdSize = 50, cause = "landAcquisition",
        });
        var leader = await browser.NewPageAsync(1366, 768);
        await leader.OpenLeaderAsync(browser.Silo.BaseAddress, "gx.leader");

        // From the escalation row: no text, no 批示.
        await leader.Locator($"#escalation-table tr[data-id='{escalation.Id()}'] button.instruct").ClickAsync();
        var rowForm = leader.Locator($"form.instruction-form[data-place='row:{escalation.Id()}']");
        await rowForm.Locator(".confirm-instruction").ClickAsync();
        await Assertions.Expect(leader.Locator("#page-message.error")).ToHaveTextAsync("请填写批示内容");
        await rowForm.Locator("textarea").FillAsync("请派出所所长带队到场，半小时内报告");
        await rowForm.Locator(".confirm-instruction").ClickAsync();
        await Assertions.Expect(leader.Locator("#page-message")).ToContainTextAsync($"已对 {escalated.Text("number")} 下达批示");
        await Assertions.Expect(rowForm).ToHaveCountAsync(0);

        // From the mass incident's card: the card lists it as waiting to be read.
        var card = leader.Locator($"#windows article[data-incident='{mass.Id()}']");
        await card.Locator("button.instruct").ClickAsync();
        await card.Locator("form.instruction-form textarea").FillAsync("稳控现场，严禁激化矛盾，随时报告人数变化");
        await card.Locator(".confirm-instruction").ClickAsync();
        await Assertions.Expect(card.Locator(".instruction-list li.unread")).ToContainTextAsync("稳控现场，严禁激化矛盾");
        await Assertions.Expect(card.Locator(".instruction-list li.unread")).ToContainTextAsync("待值班员签阅");
        await leader.ScreenshotAsync("leader-instruction", fullPage: true);

        // The duty officer's console names both cases until each is read.
        var duty = await browser.NewPageAsync(1366, 768);
        await duty.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");
        var banner = duty.Locator("#instruction-banner");
        await Assertions.Expect(banner).ToContainTextAsync(escalated.Text("number"));
        await Assertions.Expect(banner).ToContainTextAsync(mass.Text("number"));
        await banner.Locator($"button[data-id='{mass.Id()}']").ClickAsync();
        var section = duty.Locator("#detail-instructions");
        await Assertions.Expect(section).ToContainTextAsync("稳控现场，严禁激化矛盾，随时报告人数变化");
        await Assertions.Expect(section).ToContainTextAsync("赵敏");
        await duty.ScreenshotAsync("console-instruction");
        await section.Locator("button.instruction-ack").ClickAsync();
        await Assertions.Expect(section.Locator("li.read")).ToContainTextAsync("王磊");
        await Assertions.Expect(banner.Locator($"button[data-id='{mass.Id()}']")).ToHaveCountAsync(0);
        await Assertions.Expect(banner).ToContainTextAsync(escalated.Text("number"));

        // The leader sees who read it, live.
        await Assertions.Expect(card.Locator(".instruction-list li.read")).ToContainTextAsync("王磊");
        var given = (await browser.Api.GetJsonAsync($"api/incidents/{mass.Id()}/timeline")).EnumerateArray().Single(e => e.Text("kind") == "instructionGiven");
        Assert.Equal("领导:赵敏(gx.leader)", given.Text("actor"));
    }

    [Fact]
    public async Task ALeaderOpensTheCaseFromItsRowAndReadsTheCallTeamsReportsAndTimeline()
    {
        var (incident, escalation) = await EscalatedIncidentAsync("371525", "饭店门口两伙人持棍对峙");
        var team = (await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}/recommendations")).EnumerateArray().First();
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Text("teamId") });
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/reports", new { kind = "countyInformed", text = "已电话报告县委政法委值班室" });
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenLeaderAsync(browser.Silo.BaseAddress, "gx.leader");

        await page.Locator($"#escalation-table tr[data-id='{escalation.Id()}'] button.case-link").ClickAsync();

        var view = page.Locator("#case-view");
        await Assertions.Expect(view).ToBeVisibleAsync();
        await Assertions.Expect(view.Locator("#case-view-title")).ToContainTextAsync(incident.Text("number"));
        await Assertions.Expect(view.Locator(".cv-call")).ToContainTextAsync("饭店门口两伙人持棍对峙");
        await Assertions.Expect(view.Locator(".cv-teams")).ToContainTextAsync(team.Text("callsign"));
        await Assertions.Expect(view.Locator(".cv-reports")).ToContainTextAsync("已电话报告县委政法委值班室");
        await Assertions.Expect(view.Locator("#case-view-timeline li[data-kind='escalationRaised']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("leader-case-view");

        // It follows the case live: a team reporting on scene shows without reopening.
        await browser.Api.PostJsonAsync($"api/teams/{team.Text("teamId")}/status", new { status = "onScene", confirmedFar = true });
        await Assertions.Expect(view.Locator(".cv-teams")).ToContainTextAsync("到场");
        await view.Locator(".case-view-close").ClickAsync();
        await Assertions.Expect(view).ToBeHiddenAsync();
    }

    private async Task<(JsonElement Incident, JsonElement Escalation)> EscalatedIncidentAsync(string county, string description)
    {
        var team = (await browser.Api.GetJsonAsync($"api/teams?jurisdictionId={county}")).EnumerateArray()
            .First(t => t.GetProperty("position").ValueKind == JsonValueKind.Object && !CommandApi.PatrolLeaderTeams.Contains(t.Id()));
        var incident = await browser.Api.CreateIncidentNearAsync(team, description, type: "publicOrder");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/severity", new { severity = 1, reason = "现场事态扩大" });
        var escalation = (await browser.Api.GetJsonAsync("api/escalations?open=true")).EnumerateArray()
            .Single(e => e.Text("incidentId") == incident.Id());
        return (incident, escalation);
    }
}
