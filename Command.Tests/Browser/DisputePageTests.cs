using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>矛盾纠纷台账 on /disputes: the duty officer registers a dispute, records a step and hands it to the township
/// leader, who signs for it and returns the result that closes it.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class DisputePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheDutyOfficerRegistersAndHandsOffADisputeAndTheReceiverSignsForItAndClosesIt()
    {
        var duty = await browser.NewPageAsync(1366, 768);
        await duty.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, "disputes"), "gx.duty");
        await duty.WaitForFunctionAsync("() => window.__disputes && window.__disputes.ready");

        string description = $"两户因宅基地边界争执，多次发生口角（{Guid.NewGuid().ToString("N")[..6]}）";
        await duty.ClickAsync("#show-register");
        var parties = duty.Locator("#register-parties .party");
        await parties.Nth(0).Locator(".party-name").FillAsync("张三");
        await parties.Nth(0).Locator(".party-phone").FillAsync("13800000001");
        await parties.Nth(1).Locator(".party-name").FillAsync("李四");
        await duty.SelectOptionAsync("#register-cause", "homestead");
        await duty.FillAsync("#register-description", description);
        await duty.ClickAsync("#register-submit");

        var detail = duty.Locator("#dispute-detail");
        await Assertions.Expect(detail).ToContainTextAsync(description);
        await Assertions.Expect(detail).ToContainTextAsync("张三（申请人 13800000001）");
        string id = (await detail.GetAttributeAsync("data-id"))!;
        await Assertions.Expect(duty.Locator($"#ledger-table tr[data-id='{id}']")).ToContainTextAsync("宅基地");

        await duty.FillAsync("#step-text", "组织双方到村委会面对面调解，未达成一致");
        await duty.ClickAsync("#add-step");
        await Assertions.Expect(duty.Locator("#timeline")).ToContainTextAsync("组织双方到村委会面对面调解");
        await duty.SelectOptionAsync("#handoff-body", "mediation");
        // The receiver box offers the county's people by name.
        await Assertions.Expect(duty.Locator("#colleague-list option[value='gcg.leader']")).ToContainTextAsync("何平");
        await duty.FillAsync("#handoff-receiver", "gcg.leader");
        await duty.ClickAsync("#hand-off");
        await Assertions.Expect(detail.Locator(".handoff")).ToContainTextAsync("接收人 何平");
        await Assertions.Expect(duty.Locator($"#ledger-table tr[data-id='{id}']")).ToContainTextAsync("对接中");
        await duty.ScreenshotAsync("disputes");

        // The receiver signs for it and returns the result on the same page.
        var receiver = await browser.NewPageAsync(1366, 768);
        await receiver.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, "disputes"), "gcg.leader");
        await receiver.WaitForFunctionAsync("() => window.__disputes && window.__disputes.ready");
        await receiver.ClickAsync($"#ledger-table tr[data-id='{id}']");
        await receiver.ClickAsync("#receipt-1");
        await Assertions.Expect(receiver.Locator("#dispute-detail .handoff")).ToContainTextAsync("签收");
        await receiver.FillAsync("#result-text-1", "经街道人民调解委员会调解，双方签订书面协议");
        await receiver.ClickAsync("#dispute-detail .handoff button.primary");
        await Assertions.Expect(receiver.Locator($"#ledger-table tr[data-id='{id}']")).ToContainTextAsync("调解成功");
        await Assertions.Expect(receiver.Locator("#timeline")).ToContainTextAsync("双方签订书面协议");
        await receiver.ScreenshotAsync("disputes-receiver");
    }

    [Fact]
    public async Task AMajorDisputeFromAVillageReachesTheCountyConsoleAndLeaderAtOnce()
    {
        var console = await browser.NewPageAsync(1366, 768);
        await console.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");
        var leader = await browser.NewPageAsync(1366, 768);
        await leader.OpenLeaderAsync(browser.Silo.BaseAddress, "gx.leader");
        await leader.WaitForFunctionAsync("() => window.__leader && window.__leader.synced");

        var village = await browser.Silo.SignInAsync("lt.leader");
        var dispute = await village.PostJsonAsync("api/disputes", new
        {
            parties = new[] { new { name = "村民代表甲", role = "applicant", phone = (string?)null } },
            cause = "landAcquisition", description = "征地补偿分歧，三十余户村民扬言集体上访", lon = 115.4495, lat = 36.4895, level = "major",
        });
        foreach (var page in new[] { console, leader })
        {
            var bar = page.Locator("#major-dispute-bar");
            await Assertions.Expect(bar).ToBeVisibleAsync();
            await Assertions.Expect(bar).ToContainTextAsync(dispute.Text("number"));
            await Assertions.Expect(bar).ToContainTextAsync("征地拆迁");
        }
        await console.ScreenshotAsync("major-dispute-console");
        await console.ClickAsync("#major-dispute-seen");
        await Assertions.Expect(console.Locator("#major-dispute-bar")).ToBeHiddenAsync();
    }
}
