using System.Text.Json;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>联动单位 on its own page: the duty officer calls 冠县消防救援大队 into a fire as 牵头; the brigade sees the call
/// on /department (on a phone), signs for it (签收) and reports back (反馈); the case shows both.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class DepartmentPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheCalledDepartmentSignsAndReportsBackOnItsPage()
    {
        var gx = await browser.Silo.SignInAsync("gx.duty");
        var incident = await gx.PostJsonAsync("api/incidents", new
        {
            channel = 119, type = "fire", lon = 115.45, lat = 36.49, address = "吕堂社区3组", description = "民房起火，有人被困",
        });
        await gx.PostJsonAsync($"api/incidents/{incident.Id()}/departments", new { department = "gx.fire", role = "lead", task = "扑救火灾并搜救被困人员" });

        var page = await browser.NewPageAsync(390, 844);
        await page.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, "department"), "gx.fire");
        await Assertions.Expect(page.Locator("#department-name")).ToHaveTextAsync("冠县消防救援大队");
        var card = page.Locator($"section.department-call[data-incident='{incident.Id()}']");
        await Assertions.Expect(card).ToContainTextAsync(incident.Text("number"));
        await Assertions.Expect(card).ToContainTextAsync("牵头");
        await Assertions.Expect(card).ToContainTextAsync("扑救火灾并搜救被困人员");
        await Assertions.Expect(card).ToContainTextAsync("待签收");

        await card.Locator("button[data-action='receive']").ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("已签收");
        await card.Locator("textarea").FillAsync("已到达现场，明火已扑灭，被困2人已救出");
        await card.Locator("button[data-action='report']").ClickAsync();
        await Assertions.Expect(card.Locator("ul.reports")).ToContainTextAsync("已到达现场，明火已扑灭");
        await Assertions.Expect(card.Locator("textarea")).ToHaveValueAsync("");
        await page.ScreenshotAsync("department-page", fullPage: true);

        var detail = await gx.GetJsonAsync($"api/incidents/{incident.Id()}");
        var call = detail.GetProperty("departments").EnumerateArray().Single();
        Assert.Equal("gx.fire", call.Text("username"));
        Assert.NotEqual(JsonValueKind.Null, call.GetProperty("receivedAt").ValueKind);
        Assert.Contains("明火已扑灭", call.GetProperty("reports").EnumerateArray().Single().Text("text"));
    }

    [Fact]
    public async Task DutyOfficerCallsADepartmentFromTheCasePanelAndSeesItSignAndReportBack()
    {
        var gx = await browser.Silo.SignInAsync("gx.duty");
        var incident = await gx.PostJsonAsync("api/incidents", new
        {
            channel = 122, type = "traffic", lon = 115.452, lat = 36.488, address = "冠县清泉街与红旗路路口", description = "两车相撞，一人受伤，道路堵塞",
        });
        var page = await browser.NewPageAsync(1366, 900);
        await page.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await Assertions.Expect(page.Locator("#detail-number")).ToHaveTextAsync(incident.Text("number"));
        await Assertions.Expect(page.Locator("#no-department-calls")).ToBeVisibleAsync();

        await page.ClickAsync("#call-department");
        await Assertions.Expect(page.Locator("#department-to option[value='gx.traffic']")).ToBeAttachedAsync();
        await page.SelectOptionAsync("#department-to", "gx.traffic");
        await page.SelectOptionAsync("#department-role", "lead");
        await page.FillAsync("#department-task", "疏导交通，勘查事故现场");
        await page.ClickAsync("#department-submit");
        var row = page.Locator("#department-calls tr[data-username='gx.traffic']");
        await Assertions.Expect(row).ToContainTextAsync("冠县交警大队");
        await Assertions.Expect(row).ToContainTextAsync("牵头");
        await Assertions.Expect(row).ToContainTextAsync("疏导交通，勘查事故现场");
        await Assertions.Expect(row).ToContainTextAsync("待签收");
        await Assertions.Expect(page.Locator("#department-form")).ToHaveCountAsync(0);

        // A second 牵头 is refused in words, and what was typed stays in the form.
        await page.ClickAsync("#call-department");
        await Assertions.Expect(page.Locator("#department-to option[value='gx.120']")).ToBeAttachedAsync();
        await page.SelectOptionAsync("#department-to", "gx.120");
        await page.SelectOptionAsync("#department-role", "lead");
        await page.FillAsync("#department-task", "救治伤员");
        await page.ClickAsync("#department-submit");
        await Assertions.Expect(page.Locator(".panel-message.error")).ToContainTextAsync("失败");
        await Assertions.Expect(page.Locator("#department-task")).ToHaveValueAsync("救治伤员");
        await page.SelectOptionAsync("#department-role", "support");
        await page.ClickAsync("#department-submit");
        await Assertions.Expect(page.Locator("#department-calls tr[data-username='gx.120']")).ToContainTextAsync("协作");

        // The brigade signs and reports back on its own page; the console follows without a reload.
        var traffic = await browser.Silo.SignInAsync("gx.traffic");
        await traffic.PostJsonAsync($"api/incidents/{incident.Id()}/departments/1/receipt", new { });
        await Assertions.Expect(row).ToContainTextAsync("已签收");
        await traffic.PostJsonAsync($"api/incidents/{incident.Id()}/departments/1/reports", new { text = "已到场，事故车辆已移至路边", final = false });
        await Assertions.Expect(row).ToContainTextAsync("已到场，事故车辆已移至路边");
        await Assertions.Expect(page.Locator("#detail-timeline")).ToContainTextAsync("冠县交警大队");
        await page.ScreenshotAsync("console-departments");
    }

    [Fact]
    public async Task TheSifasuoSignsForAMediationHandoverAndReturnsItsResultOnItsPage()
    {
        var gx = await browser.Silo.SignInAsync("gx.duty");
        var dispute = await gx.PostJsonAsync("api/disputes", new
        {
            parties = new[] { new { name = "王五", role = "applicant", phone = (string?)"13800000009" }, new { name = "赵六", role = "respondent", phone = (string?)null } },
            cause = "neighbour", description = "两户因排水沟堵塞争吵", lon = 115.4505, lat = 36.4905, level = "ordinary",
        });
        await gx.PostJsonAsync($"api/disputes/{dispute.Id()}/handoffs", new { body = "mediation", receiver = "gx.justice", note = "请司法所组织人民调解" });

        var page = await browser.NewPageAsync(390, 844);
        await page.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, "department"), "gx.justice");
        var card = page.Locator($"section.dispute-handover[data-dispute='{dispute.Id()}']");
        await Assertions.Expect(card).ToContainTextAsync(dispute.Text("number"));
        await Assertions.Expect(card).ToContainTextAsync("人民调解（公调对接）");
        await Assertions.Expect(card).ToContainTextAsync("王五（申请人 13800000009）");
        await Assertions.Expect(card).ToContainTextAsync("请司法所组织人民调解");
        await Assertions.Expect(card).ToContainTextAsync("待签收");

        await card.Locator("button[data-action='receive-dispute']").ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("已签收");
        await card.Locator("textarea").FillAsync("经人民调解委员会调解，双方同意共同疏通排水沟");
        await card.Locator("button[data-action='mediated']").ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("调解成功");
        await Assertions.Expect(card.Locator("textarea")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("department-dispute", fullPage: true);

        var after = await gx.GetJsonAsync($"api/disputes/{dispute.Id()}");
        Assert.Equal(("closed", "mediated"), (after.Text("state"), after.Text("outcome")));
    }
}
