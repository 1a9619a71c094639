using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>排查与零报告 on /disputes: a village leader sends this week's 零报告, and the township leader sees the row
/// turn to 零报告 and reads the village's record.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class SweepPageTests(BrowserFixture browser)
{
    private async Task<IPage> OpenDisputesAsync(string username)
    {
        var page = await browser.NewPageAsync(1366, 900);
        await page.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, "disputes"), username);
        await page.WaitForFunctionAsync("() => window.__disputes && window.__disputes.ready");
        return page;
    }

    [Fact]
    public async Task AVillageSendsAZeroReportAndItsTownshipSeesItInTheTable()
    {
        var village = await OpenDisputesAsync("lt.leader");
        await Assertions.Expect(village.Locator("#own-sweep-state")).ToHaveTextAsync("待报");
        await village.CheckAsync("#sweep-nil");
        await Assertions.Expect(village.Locator("#sweep-found")).ToBeDisabledAsync();
        await village.ClickAsync("#sweep-submit");
        await Assertions.Expect(village.Locator("#own-sweep-state")).ToHaveTextAsync("零报告");
        await Assertions.Expect(village.Locator("#sweeps-table tr[data-jurisdiction='371525-t01-v01']")).ToContainTextAsync("零报告");

        // Sending again in the same week is refused in words the leader reads.
        await village.CheckAsync("#sweep-nil");
        await village.ClickAsync("#sweep-submit");
        await Assertions.Expect(village.Locator("#page-message")).ToContainTextAsync("不能重复报送");

        var township = await OpenDisputesAsync("gcg.leader");
        var row = township.Locator("#sweeps-table tr[data-jurisdiction='371525-t01-v01']");
        await Assertions.Expect(row).ToContainTextAsync("零报告");
        await Assertions.Expect(row).ToContainTextAsync("马丽");
        await Assertions.Expect(township.Locator("#sweeps-table tr[data-jurisdiction='371525-t01-v02']")).ToContainTextAsync("待报");
        await Assertions.Expect(township.Locator("#sweeps-table .countdown").First).ToContainTextAsync("剩");
        await row.ClickAsync();
        await Assertions.Expect(township.Locator("#sweep-history")).ToContainTextAsync("吕堂社区 报送记录");
        await Assertions.Expect(township.Locator("#sweep-history-list")).ToContainTextAsync("本期排查未发现矛盾纠纷");
        await township.ScreenshotAsync("sweeps-township", fullPage: true);
    }

    [Fact]
    public async Task ATownshipNamesTheDisputeItJustRegisteredInItsReportAndTheCountySeesItsNumber()
    {
        var township = await OpenDisputesAsync("gcg.leader");
        await Assertions.Expect(township.Locator("#own-sweep-state")).ToHaveTextAsync("待报");

        await township.ClickAsync("#show-register");
        var parties = township.Locator("#register-parties .party");
        await parties.Nth(0).Locator(".party-name").FillAsync("孙立");
        await parties.Nth(1).Locator(".party-name").FillAsync("周平");
        await township.SelectOptionAsync("#register-cause", "labour");
        await township.FillAsync("#register-description", $"拖欠工资，排查中发现（{Guid.NewGuid().ToString("N")[..6]}）");
        await township.ClickAsync("#register-submit");
        var detail = township.Locator("#dispute-detail");
        await Assertions.Expect(detail).ToContainTextAsync("孙立");
        string id = (await detail.GetAttributeAsync("data-id"))!;

        // The dispute registered a moment ago is offered in the report form; ticking it counts it as found.
        var pick = township.Locator($"#sweep-disputes label[data-id='{id}']");
        await Assertions.Expect(pick).ToContainTextAsync("劳资纠纷");
        await township.FillAsync("#sweep-found", "0");
        await pick.Locator("input").CheckAsync();
        await Assertions.Expect(township.Locator("#sweep-found")).ToHaveValueAsync("1");
        await township.FillAsync("#sweep-text", "排查出劳资纠纷1起，已登记并组织调解");
        await township.ScreenshotAsync("sweep-report-picker", fullPage: true);
        await township.ClickAsync("#sweep-submit");
        await Assertions.Expect(township.Locator("#own-sweep-state")).ToHaveTextAsync("已报");

        var county = await OpenDisputesAsync("gx.duty");
        await county.ClickAsync("#sweeps-table tr[data-jurisdiction='371525-t01']");
        string number = (await township.Locator($"#ledger-table tr[data-id='{id}'] td.mono").TextContentAsync())!.Trim();
        await Assertions.Expect(county.Locator("#sweep-history-list .sweep-linked")).ToContainTextAsync(number);
    }
}
