using System.Globalization;
using Command.Tests.Support;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class BeijingTimeTests(BrowserFixture browser)
{
    [Fact]
    public async Task DeadlinesShowBeijingTimeEvenInABrowserSetToUtc()
    {
        var incident = await browser.Api.PostJsonAsync("api/incidents",
            new { channel = 110, type = "massIncident", crowdSize = 150, cause = "environment", lon = 115.45, lat = 36.49 });
        var due = incident.GetProperty("milestones")[0].GetProperty("dueAt").GetDateTimeOffset();
        string beijing = due.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        string utc = due.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

        var page = await browser.NewPageAsync(options: new BrowserNewContextOptions { TimezoneId = "UTC", Locale = "zh-CN" });
        await page.OpenLeaderAsync(browser.Silo.BaseAddress);

        // A deadline past midnight in Beijing reads 次日 00:03:54: the day prefix is allowed, the clock time is what counts.
        static System.Text.RegularExpressions.Regex Due(string time) => new($"时限 (次日 |\\d+月\\d+日 )?{time}");
        await Assertions.Expect(page.Locator(".milestone-due", new() { HasTextRegex = Due(beijing) }).First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".milestone-due", new() { HasTextRegex = Due(utc) }).CountAsync());
    }
}
