using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>跟踪督办 across two pages: the duty officer puts a task on a case with an owner and a deadline; the owner, a
/// township leader, reports back on /leader; the duty officer closes it off (销号).</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class FollowUpPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheOwnerReportsBackOnTheLeadersPageAndTheDutyOfficerClosesItOff()
    {
        var gx = await browser.Silo.SignInAsync("gx.duty");
        var incident = await gx.PostJsonAsync("api/incidents", new
        {
            channel = 110, type = "dispute", lon = 115.45, lat = 36.49, address = "吕堂社区5组", description = "宅基地边界纠纷，双方多次争吵",
        });
        var duty = await browser.NewPageAsync(1366, 768);
        await duty.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");
        await duty.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");

        var section = duty.Locator("#detail-follow-ups");
        await Assertions.Expect(section).ToContainTextAsync("尚无督办事项");
        string due = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(3).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await section.Locator(".follow-up-task").FillAsync("三日内查清纠纷起因并组织调解");
        await section.Locator(".follow-up-owner").FillAsync("gcg.leader");
        await section.Locator(".follow-up-due").FillAsync(due);
        await section.Locator(".open-follow-up").ClickAsync();
        var item = section.Locator("li.follow-up");
        await Assertions.Expect(item).ToContainTextAsync("三日内查清纠纷起因并组织调解");
        await Assertions.Expect(item).ToContainTextAsync("责任人 何平");
        await Assertions.Expect(item).ToContainTextAsync("待反馈");

        // The owner finds it on /leader and reports back.
        var leader = await browser.NewPageAsync(1366, 768);
        await leader.OpenLeaderAsync(browser.Silo.BaseAddress, "gcg.leader");
        var mine = leader.Locator($"#follow-ups li.follow-up:has-text('{incident.Text("number")}')");
        await Assertions.Expect(mine).ToContainTextAsync("三日内查清纠纷起因并组织调解");
        await mine.Locator(".reply-follow-up").ClickAsync();
        await mine.Locator(".follow-up-reply").FillAsync("已组织双方到村委会调解，达成书面协议");
        await mine.Locator(".follow-up-reply-form button[type='submit']").ClickAsync();
        await Assertions.Expect(mine).ToContainTextAsync("已反馈，待销号");
        await leader.ScreenshotAsync("leader-follow-ups");

        // Back on the console, the one who opened it closes it off.
        await duty.ReloadAsync();
        await duty.WaitForFunctionAsync("() => window.__command && window.__command.synced");
        await duty.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        var again = duty.Locator("#detail-follow-ups li.follow-up");
        await Assertions.Expect(again).ToContainTextAsync("已组织双方到村委会调解");
        await again.Locator(".close-follow-up").ClickAsync();
        await Assertions.Expect(again).ToContainTextAsync("已销号");
        await duty.ScreenshotAsync("console-follow-ups");

        var items = await gx.GetJsonAsync($"api/follow-ups?incidentId={incident.Id()}");
        Assert.Equal("closed", items.EnumerateArray().Single().Text("state"));
    }
}
