using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>系统管理 at /admin: the accounts, a new account, a patrol terminal's token issued, used and revoked from the
/// page, and today's audit journal showing both.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class AdminPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task AdministratorPlansAShiftOfATownshipsRosterInBeijingTime()
    {
        const string township = "371522-t02";
        var page = await browser.NewPageAsync(1366, 900);
        await page.OpenAdminAsync(browser.Silo.BaseAddress);
        await page.SelectOptionAsync("#shift-jurisdiction", township);
        await Assertions.Expect(page.Locator("#shift-current")).ToContainTextAsync("当前值班");

        // Tomorrow, 08:00 to 20:00 Beijing time, whatever the browser's own zone.
        string day = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.FillAsync("#shift-from", $"{day}T08:00");
        await page.FillAsync("#shift-to", $"{day}T20:00");
        await page.FillAsync("#shift-duty", "钱明");
        await page.FillAsync("#shift-leader", "孔伟");
        await page.FillAsync("#shift-phone", "13800000001");
        await page.ClickAsync("#shift-add");
        await page.ClickAsync("#shift-save");
        await Assertions.Expect(page.Locator("#page-message")).ToContainTextAsync("已保存值班表");
        await Assertions.Expect(page.Locator("#shift-table tr.planned")).ToContainTextAsync("孔伟");
        await page.ScreenshotAsync("admin-shifts");

        var schedule = await browser.Api.GetJsonAsync($"api/jurisdictions/{township}/shifts");
        var shift = schedule.GetProperty("shifts").EnumerateArray().Single(s => s.GetProperty("leaderOnDuty").GetString() == "孔伟");
        Assert.Equal(DateTimeOffset.Parse($"{day}T08:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), shift.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(("钱明", "13800000001"), (shift.GetProperty("dutyOfficer").GetString(), shift.GetProperty("leaderPhone").GetString()));

        // A shift that ends before it starts is refused, and the page says why.
        await page.FillAsync("#shift-from", $"{day}T22:00");
        await page.FillAsync("#shift-to", $"{day}T21:00");
        await page.ClickAsync("#shift-add");
        await page.ClickAsync("#shift-save");
        await Assertions.Expect(page.Locator("#page-message")).ToContainTextAsync("结束时间应晚于开始时间");
    }

    [Fact]
    public async Task AdministratorListsUsersOpensAnAccountAndIssuesAndRevokesATerminalToken()
    {
        var page = await browser.NewPageAsync(1600, 1000);
        await page.OpenAdminAsync(browser.Silo.BaseAddress);
        await Assertions.Expect(page.Locator("#user-name")).ToHaveTextAsync("系统管理员");
        await Assertions.Expect(page.Locator("#user-role")).ToHaveTextAsync("管理员");

        // Every demo account is listed, with its role and jurisdiction in words.
        foreach (string username in new[] { "admin", "lc.duty", "lc.leader", "gx.duty", "gx.leader", "gx.patrol", "sx.duty", "sx.leader", "sx.patrol" })
        {
            await Assertions.Expect(page.Locator($"#user-table tr[data-username='{username}']")).ToBeVisibleAsync();
        }
        var patrol = page.Locator("#user-table tr[data-username='gx.patrol']");
        await Assertions.Expect(patrol).ToContainTextAsync("巡防队长");
        await Assertions.Expect(patrol).ToContainTextAsync("冠县");
        await Assertions.Expect(patrol).ToContainTextAsync("正常");

        // A new duty officer for 莘县.
        await page.ClickAsync("#create-user-box summary");
        await page.FillAsync("#new-username", "sx.duty.night");
        await page.FillAsync("#new-display-name", "夜班值班员");
        await page.SelectOptionAsync("#new-role", "dutyOfficer");
        await page.SelectOptionAsync("#new-jurisdiction", "371522");
        // A common password with a year on it is refused, and the page says why in Chinese.
        await page.FillAsync("#new-password", "Passw0rd2026");
        await page.ClickAsync("#create-user-submit");
        await Assertions.Expect(page.Locator("#page-message")).ToContainTextAsync("创建账号失败：密码过于常见");
        await Assertions.Expect(page.Locator("#user-table tr[data-username='sx.duty.night']")).ToHaveCountAsync(0);
        await page.FillAsync("#new-password", "night-shift-2026");
        await page.ClickAsync("#create-user-submit");
        var created = page.Locator("#user-table tr[data-username='sx.duty.night']");
        await Assertions.Expect(created).ToContainTextAsync("夜班值班员");
        await Assertions.Expect(created).ToContainTextAsync("莘县");
        using var night = await browser.Silo.SignInAsync("sx.duty.night", "night-shift-2026");
        var user = await night.GetJsonAsync("api/auth/me");
        Assert.Equal("371522", user.Text("jurisdictionId"));

        // A terminal token for 莘县's second team, shown once.
        const string team = "team-371522-02";
        await page.SelectOptionAsync("#token-team", team);
        await page.FillAsync("#token-label", "车载终端 鲁P·12345");
        await page.ClickAsync("#issue-token");
        var value = page.Locator("#token-value");
        await Assertions.Expect(value).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\S{20,}"));
        await Assertions.Expect(page.Locator(".token-reveal")).ToContainTextAsync("只显示这一次");
        string token = await value.InputValueAsync();
        using var terminal = new HttpClient { BaseAddress = browser.Silo.BaseAddress };
        terminal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var ok = await terminal.GetAsync($"api/teams/{team}"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        var row = page.Locator($"#credential-table tr[data-kind='device'][data-team='{team}']").Filter(new() { HasText = "车载终端 鲁P·12345" });
        await Assertions.Expect(row).ToContainTextAsync("有效");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync("admin", fullPage: true);

        // 吊销: the token stops working at once, and the row says so among the revoked.
        await row.Locator("button.revoke").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.CheckAsync("#credential-revoked");
        await Assertions.Expect(row).ToContainTextAsync("已吊销");
        using (var refused = await terminal.GetAsync($"api/teams/{team}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // Today's journal, newest first, in words: the token issued and revoked by the administrator.
        var revoked = page.Locator("#audit-table tr[data-kind='tokenRevoked']").First;
        await Assertions.Expect(revoked).ToContainTextAsync("吊销凭据");
        await Assertions.Expect(revoked).ToContainTextAsync("admin");
        await Assertions.Expect(page.Locator("#audit-table tr[data-kind='tokenIssued']").First).ToContainTextAsync(team);
        await Assertions.Expect(page.Locator("#audit-table tr[data-kind='signIn']").First).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync("admin-revoked", fullPage: true);
    }
}
