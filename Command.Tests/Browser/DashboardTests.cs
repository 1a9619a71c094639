using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>The Orleans dashboard at /dashboard: an administrator signed in on the page sees the cluster's grains and
/// their call rates; a duty officer is refused.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class DashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnAdministratorSeesTheClusterOnTheOrleansDashboard()
    {
        var page = await browser.NewPageAsync(1600, 1000);
        await page.OpenAdminAsync(browser.Silo.BaseAddress);
        await page.GotoAsync(new Uri(browser.Silo.BaseAddress, "dashboard/").ToString());
        // The dashboard runs under the silo's own strict CSP: its overview draws the cluster's live call rates.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Grains" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex("req/sec")).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync("orleans-dashboard");

        var duty = await browser.NewPageAsync();
        await duty.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");
        var refused = await duty.GotoAsync(new Uri(browser.Silo.BaseAddress, "dashboard/").ToString());
        Assert.Equal(403, refused!.Status);
    }
}
