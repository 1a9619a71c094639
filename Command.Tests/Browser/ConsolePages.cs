using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>Opening the pages and waiting until they show the server's state, so tests start from a settled page.</summary>
public static class ConsolePages
{
    /// <summary>Opens / and waits until the hub is connected, the first snapshot is applied and the city is framed.</summary>
    public static async Task OpenConsoleAsync(this IPage page, Uri silo)
    {
        await page.GotoAsync(silo.ToString());
        await page.WaitForFunctionAsync(
            "() => window.__command && window.__command.synced && window.__command.mapReady() && window.__command.connectionState() === 'connected'");
    }

    /// <summary>Opens /leader and waits until the hub is connected and the first snapshot is shown.</summary>
    public static async Task OpenLeaderAsync(this IPage page, Uri silo)
    {
        await page.GotoAsync(new Uri(silo, "leader").ToString());
        await page.WaitForFunctionAsync("() => window.__leader && window.__leader.synced && window.__leader.connectionState() === 'connected'");
    }

    /// <summary>Clicks the map where a place is drawn.</summary>
    public static async Task ClickMapAtAsync(this IPage page, double lon, double lat)
    {
        var pixel = await page.EvaluateAsync<double[]>("([lon, lat]) => window.__command.pixelOf(lon, lat)", new[] { lon, lat });
        var box = await page.Locator("#map").BoundingBoxAsync() ?? throw new InvalidOperationException("The map is not on screen.");
        await page.Mouse.ClickAsync((float)(box.X + pixel[0]), (float)(box.Y + pixel[1]));
    }

    public static async Task ScreenshotAsync(this IPage page, string name, bool fullPage = false)
    {
        // Let the last hub message and animation settle so the picture shows what the test asserted.
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = fullPage });
    }
}
