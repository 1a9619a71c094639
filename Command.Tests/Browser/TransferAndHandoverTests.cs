using Command.Tests.Support;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class TransferAndHandoverTests(BrowserFixture browser)
{
    [Fact]
    public async Task GuanxianTransfersACallAndShenxianSignsForIt()
    {
        var incident = await browser.Api.PostJsonAsync("api/incidents",
            new { channel = 110, type = "dispute", lon = 115.45, lat = 36.49, address = "冠县清泉街转警测试", description = "邻里纠纷，报警人称住在莘县" });
        var sender = await browser.NewPageAsync(1366, 768);
        await sender.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");
        await sender.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await sender.ClickAsync("#action-transfer");
        await Assertions.Expect(sender.Locator("#transfer-to option[value='371522']")).ToHaveCountAsync(1);
        await sender.SelectOptionAsync("#transfer-to", "371522");
        await sender.FillAsync("#transfer-reason", "报警地点属莘县辖区");
        await sender.ClickAsync("#transfer-submit");
        await Assertions.Expect(sender.Locator(".transfer-banner")).ToContainTextAsync("待签收：冠县转莘县");
        await sender.ScreenshotAsync("transfer-sent-1366");

        var target = await browser.NewPageAsync();
        await target.OpenConsoleAsync(browser.Silo.BaseAddress, "sx.duty");
        // 冠县 is not on 莘县's map, so the list names where the call came from.
        await Assertions.Expect(target.Locator($"#incident-list tr[data-id='{incident.Id()}']")).ToContainTextAsync("冠县转来");
        await target.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await Assertions.Expect(target.Locator("#transfer-sign")).ToBeVisibleAsync();
        // Until signed the case is still 冠县's: the target sees it, but neither dispatches nor closes it.
        await Assertions.Expect(target.Locator("#action-close")).ToHaveCountAsync(0);
        await Assertions.Expect(target.Locator("#detail-recommendations button.dispatch")).ToHaveCountAsync(0);
        await target.ScreenshotAsync("transfer-to-sign");
        await target.ClickAsync("#transfer-sign");
        await Assertions.Expect(target.Locator(".panel-message")).ToContainTextAsync("签收成功");
        await Assertions.Expect(target.Locator(".transfer-note")).ToContainTextAsync("莘县");

        var detail = await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}");
        Assert.Contains(detail.GetProperty("jurisdictionChain").EnumerateArray(), j => j.Text("id") == "371522");
        // Once signed the case is 莘县's and leaves 冠县's view: the sender is told who has it, not "not found".
        await Assertions.Expect(sender.Locator($"#incident-list tr[data-id='{incident.Id()}']")).ToHaveCountAsync(0);
        // Dropped by the push itself, not by a reconnect's fresh snapshot.
        Assert.Equal(1, await sender.EvaluateAsync<int>("() => window.__command.snapshots()"));
        await Assertions.Expect(sender.Locator("#incident-panel")).ToContainTextAsync($"警情{detail.Text("number")}已由莘县签收");
        await Assertions.Expect(sender.Locator("#incident-panel")).Not.ToContainTextAsync("读取警情失败");
        await sender.ScreenshotAsync("transfer-signed-sender-1366");
    }

    [Fact]
    public async Task ShenxianReturnsACallAndItLeavesShenxiansListButStaysOnGuanxians()
    {
        var incident = await browser.Api.PostJsonAsync("api/incidents",
            new { channel = 110, type = "dispute", lon = 115.45, lat = 36.49, address = "冠县清泉街退回测试", description = "报警人称纠纷发生在莘县" });
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/transfer", new { toJurisdictionId = "371522", reason = "报警人称在莘县" });
        var sender = await browser.NewPageAsync(1366, 768);
        await sender.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");
        var target = await browser.NewPageAsync(1366, 768);
        await target.OpenConsoleAsync(browser.Silo.BaseAddress, "sx.duty");
        var row = $"#incident-list tr[data-id='{incident.Id()}']";

        await target.ClickAsync(row);
        await target.ClickAsync("#transfer-refuse");
        await target.FillAsync("#transfer-refuse-reason", "经核实报警地点在冠县清泉街");
        await target.ClickAsync(".transfer-banner button.danger");

        // Returned, the case is 冠县's again: it leaves 莘县's list at once (no reload, no reconnect) and 莘县's panel
        // says where it went; 冠县 still has it, and sees it came back.
        await Assertions.Expect(target.Locator(row)).ToHaveCountAsync(0);
        await Assertions.Expect(target.Locator("#incident-panel")).ToContainTextAsync($"警情{incident.Text("number")}已由莘县退回冠县");
        await Assertions.Expect(target.Locator("#incident-panel")).Not.ToContainTextAsync("读取警情失败");
        Assert.Equal(1, await target.EvaluateAsync<int>("() => window.__command.snapshots()"));
        await Assertions.Expect(sender.Locator(row)).ToHaveCountAsync(1);
        await sender.ClickAsync(row);
        await Assertions.Expect(sender.Locator(".transfer-note")).ToContainTextAsync("退回");
        await target.ScreenshotAsync("transfer-returned-target-1366");
    }

    [Fact]
    public async Task SearchFindsAClosedCaseAndTheHandoverShowsTheShift()
    {
        var incident = await browser.Api.PostJsonAsync("api/incidents",
            new { channel = 110, type = "publicOrder", lon = 115.45, lat = 36.49, address = "冠县历史查询路9号", callerPhone = "13612345678", description = "已处理" });
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/close", new { resolution = "调解完毕" });
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");

        await page.ClickAsync("[data-tab='search-panel']");
        await page.FillAsync("#search-phone", "1234567");
        await page.ClickAsync("#search-submit");
        var row = page.Locator($"#search-results tr[data-id='{incident.Id()}']");
        await Assertions.Expect(row).ToContainTextAsync(incident.Text("number"));
        await page.ScreenshotAsync("search-1366");
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#detail-number")).ToHaveTextAsync(incident.Text("number"));
        await Assertions.Expect(page.Locator(".part-resolution")).ToContainTextAsync("调解完毕");

        await page.ClickAsync("#handover-tab");
        await Assertions.Expect(page.Locator("#handover-counts")).ToContainTextAsync("办结");
        await Assertions.Expect(page.Locator("#handover-body")).ToContainTextAsync("冠县交接班");
        await Assertions.Expect(page.Locator("#handover-body")).ToContainTextAsync(incident.Text("number"));

        // 交班留言: written here, journaled on the county, and listed for the next shift.
        await Assertions.Expect(page.Locator("#handover-notes")).ToContainTextAsync("还没有交班留言");
        await page.FillAsync("#handover-note-text", "宅基地纠纷双方约明早九点调解，请接班后电话提醒报警人。");
        await page.ClickAsync("#handover-note-submit");
        await Assertions.Expect(page.Locator(".handover-note")).ToContainTextAsync("宅基地纠纷双方约明早九点调解");
        await Assertions.Expect(page.Locator(".handover-note")).ToContainTextAsync("王磊");
        await page.ScreenshotAsync("handover-1366");
    }
}
