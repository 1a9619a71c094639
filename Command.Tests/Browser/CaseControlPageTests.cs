using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>The duty officer controls a case from the incident panel: 续报, 改派, 电台报告, 改类型 and 办结 of a case no team reached.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class CaseControlPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task DutyOfficerAddsANoteDivertsTheTeamAndClosesTheCaseItNeverReached()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var first = await browser.Api.CreateIncidentNearAsync(team, "有人在店门口吵闹", address: "冠县清泉街12号");
        var urgent = await browser.Api.CreateIncidentNearAsync(team, "有人持刀伤人", type: "criminal", address: "冠县红旗路3号");
        await browser.Api.PostJsonAsync($"api/incidents/{first.Id()}/assignments", new { teamId = team.Id() });
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        await page.ClickAsync($"#incident-list tr[data-id='{first.Id()}']");
        await Assertions.Expect(page.Locator("#detail-progress li[data-step='dispatched']")).ToHaveClassAsync("current");

        // 续报 from the keyboard: the form takes the focus, Ctrl+Enter sends it.
        await page.ClickAsync("#action-note");
        await Assertions.Expect(page.Locator("#note-text")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("报警人再次来电：吵闹者已离开");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator("#detail-notes")).ToContainTextAsync("报警人再次来电：吵闹者已离开");
        await Assertions.Expect(page.Locator("#detail-timeline li[data-kind='noteAdded']")).ToContainTextAsync("续报");

        // 改派 the team straight to the knife call.
        await page.ClickAsync($"#detail-assignments button.team-divert[data-team='{team.Id()}']");
        await page.SelectOptionAsync("#divert-target", urgent.Id());
        await page.FillAsync("#divert-reason", "持刀伤人警情更紧急");
        await page.ClickAsync("#divert-form button[type='submit']");
        await Assertions.Expect(page.Locator($"#detail-assignments tr[data-team='{team.Id()}']")).ToContainTextAsync("已改派");
        await Assertions.Expect(page.Locator("#detail-progress li[data-step='received']")).ToHaveClassAsync("current");
        await Assertions.Expect(page.Locator("#detail-timeline li[data-kind='teamDiverted']")).ToContainTextAsync(urgent.Text("number"));
        var moved = await browser.Api.GetJsonAsync($"api/teams/{team.Id()}");
        Assert.Equal((urgent.Id(), "dispatched"), (moved.Text("incidentId"), moved.Text("status")));
        await page.ScreenshotAsync("case-control-diverted", fullPage: true);

        // The knife call is closed before the team got there: the panel asks for a confirmation and a reason.
        await page.ClickAsync($"#incident-list tr[data-id='{urgent.Id()}']");
        await Assertions.Expect(page.Locator($"#detail-assignments tr[data-team='{team.Id()}']")).ToBeVisibleAsync();
        await page.ClickAsync("#action-close");
        await Assertions.Expect(page.Locator("#close-no-arrival")).ToBeVisibleAsync();
        await page.FillAsync("#close-resolution", "嫌疑人已被群众制服，移交派出所");
        await page.ClickAsync("#close-form button[type='submit']");
        await Assertions.Expect(page.Locator("#close-form .form-message")).ToContainTextAsync("请勾选");
        await page.CheckAsync("#close-confirm-no-arrival");
        await page.FillAsync("#close-no-arrival-reason", "警力途中，派出所已先行处置");
        await page.ScreenshotAsync("case-control-close-confirm", fullPage: true);
        await page.ClickAsync("#close-form button[type='submit']");

        await Assertions.Expect(page.Locator("#detail-progress li[data-step='closed']")).ToHaveClassAsync("current");
        await Assertions.Expect(page.Locator("#detail-progress li[data-step='onScene']")).ToHaveClassAsync("skipped");
        await Assertions.Expect(page.Locator("#detail-progress li[data-step='handling']")).ToHaveClassAsync("skipped");
        await Assertions.Expect(page.Locator("#detail-progress li[data-step='dispatched']")).ToHaveClassAsync("done");
        await Assertions.Expect(page.Locator("#detail-timeline li[data-kind='noArrivalConfirmed']")).ToContainTextAsync("警力途中，派出所已先行处置");
        var timeline = await browser.Api.GetJsonAsync($"api/incidents/{urgent.Id()}/timeline");
        Assert.Contains(timeline.EnumerateArray(), e => e.Text("kind") == "noArrivalConfirmed");
        await page.ScreenshotAsync("case-control-closed-without-arrival", fullPage: true);
    }

    [Fact]
    public async Task OnA1366By768ConsoleTheOfficerEntersARadioReportAndChangesTheType()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateIncidentNearAsync(team, "路口两车相撞，有人受伤", address: "冠县振兴路与建设路口");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");

        var row = page.Locator($"#detail-assignments tr[data-team='{team.Id()}']");
        await row.Locator("button.team-radio").ClickAsync();
        await page.SelectOptionAsync("#radio-status", "onScene");
        await page.ScreenshotAsync("case-control-radio-1366");
        await page.ClickAsync("#radio-form button[type='submit']");
        await Assertions.Expect(row).ToContainTextAsync("到场");
        await Assertions.Expect(page.Locator("#detail-progress li[data-step='onScene']")).ToHaveClassAsync("current");
        await Assertions.Expect(page.Locator("#detail-timeline li[data-kind='radioStatus']")).ToContainTextAsync("值班员代录");
        Assert.Equal("onScene", (await browser.Api.GetJsonAsync($"api/teams/{team.Id()}")).Text("status"));

        // 改类型: a traffic accident, not a public-order call; Esc first leaves the form untouched.
        await page.ClickAsync("#action-type");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#type-form")).ToHaveCountAsync(0);
        await page.ClickAsync("#action-type");
        await page.SelectOptionAsync("#type-select", "traffic");
        await page.FillAsync("#type-reason", "核实为交通事故");
        await page.ClickAsync("#type-form button[type='submit']");
        await Assertions.Expect(page.Locator(".detail-type")).ToHaveTextAsync("交通");
        await Assertions.Expect(page.Locator("#detail-original-type")).ToContainTextAsync("报警时类型：治安");
        await Assertions.Expect(page.Locator("#detail-timeline li[data-kind='typeChanged']")).ToContainTextAsync("核实为交通事故");
        await page.ScreenshotAsync("case-control-1366", fullPage: true);
    }
}
