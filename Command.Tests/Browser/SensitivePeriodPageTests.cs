using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>敏感时期 on the duty console: the banner comes with the city leader's declaration and goes when it ends, live.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class SensitivePeriodPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheConsoleShowsASensitivePeriodWhileItIsInForce()
    {
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");
        var banner = page.Locator("#sensitive-period");
        await Assertions.Expect(banner).ToBeHiddenAsync();

        var city = await browser.Silo.SignInAsync("lc.leader");
        var now = DateTimeOffset.UtcNow;
        var period = await city.PostJsonAsync("api/sensitive-periods", new { name = "全国两会期间", from = now, to = now.AddDays(3), reason = "加强社会面管控" });
        try
        {
            await Assertions.Expect(banner).ToBeVisibleAsync();
            await Assertions.Expect(banner).ToContainTextAsync("敏感时期：全国两会期间（至");
            await page.ScreenshotAsync("sensitive-period-1366");
        }
        finally
        {
            // The browser tests share one silo: the tighter rules must not outlive this test.
            await city.PostJsonAsync($"api/sensitive-periods/{period.Text("id")}/end", new { });
        }
        await Assertions.Expect(banner).ToBeHiddenAsync();
    }
}
