using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>重大案件报告 on the case panel: the 24 hours count down, and the report is sent from there, after 办结 too.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class MajorReportPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task AMajorCaseCountsDownItsReportsAndTakesThemAfterItIsClosed()
    {
        var gx = await browser.Silo.SignInAsync("gx.duty");
        var incident = await gx.PostJsonAsync("api/incidents", new
        {
            channel = 110, type = "criminal", lon = 115.45, lat = 36.49, address = "吕堂社区8组", description = "持械伤人，嫌疑人已逃离",
        });
        await gx.PostJsonAsync($"api/incidents/{incident.Id()}/severity", new { severity = 2, reason = "持械伤人" });

        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        var reports = page.Locator("#detail-major-reports");
        await Assertions.Expect(reports.Locator("tr[data-kind='writtenReport']")).ToContainTextAsync("剩余 23:");
        await Assertions.Expect(reports.Locator("tr[data-kind='inquiryReport']")).ToContainTextAsync("剩余29天");

        // Closed with the panel open: the reports are still owed, and still sent from here.
        await gx.PostJsonAsync($"api/incidents/{incident.Id()}/close", new { resolution = "伤者送医，嫌疑人已抓获，移交刑侦", confirmNoArrival = true, noArrivalReason = "刑侦大队直接到场处置" });
        await Assertions.Expect(page.Locator("#detail-progress")).ToContainTextAsync("办结");
        await Assertions.Expect(page.Locator(".part-resolution")).ToContainTextAsync("移交刑侦");
        await reports.Locator("tr[data-kind='writtenReport'] .submit-major-report").ClickAsync();
        await page.FillAsync("#major-report-text", "关于吕堂社区持械伤人案件的书面报告：基本情况、处置经过、下一步措施。");
        await page.ClickAsync("#major-report-form button[type='submit']");
        await Assertions.Expect(reports.Locator("tr[data-kind='writtenReport']")).ToContainTextAsync("已于");
        await Assertions.Expect(reports.Locator("tr[data-kind='writtenReport'] .submit-major-report")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#detail-timeline")).ToContainTextAsync("书面报告");
        await page.ScreenshotAsync("major-reports-1366");
    }
}
