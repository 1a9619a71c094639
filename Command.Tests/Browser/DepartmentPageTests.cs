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
}
