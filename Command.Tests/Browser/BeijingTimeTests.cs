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

        await Assertions.Expect(page.Locator(".milestone-due", new() { HasTextString = $"时限 {beijing}" }).First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".milestone-due", new() { HasTextString = $"时限 {utc}" }).CountAsync());
    }
}
