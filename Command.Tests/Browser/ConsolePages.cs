using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>Signing in and opening the pages, and waiting until they show the server's state, so tests start from a
/// settled page. Every page is opened the way a person would: the address first, which answers with the sign-in form,
/// then the real form, which brings the browser back to the address.</summary>
public static class ConsolePages
{
    /// <summary>Opens <paramref name="address"/> and, when the sign-in form answers instead of the page (no session in
    /// this browser context yet), signs in through it as <paramref name="username"/>; the form returns to the address.</summary>
    public static async Task OpenSignedInAsync(this IPage page, Uri address, string username, string password = CommandApi.DemoPassword)
    {
        await page.GotoAsync(address.ToString());
        if (await page.Locator("#sign-in").CountAsync() > 0)
        {
            await page.SubmitSignInAsync(username, password);
        }
    }

    /// <summary>Fills and submits the sign-in form on the page, and waits until the page it leads to has replaced it.</summary>
    public static async Task SubmitSignInAsync(this IPage page, string username, string password = CommandApi.DemoPassword)
    {
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        try
        {
            await Assertions.Expect(page.Locator("#sign-in")).ToHaveCountAsync(0);
        }
        catch (PlaywrightException)
        {
            var message = page.Locator(".login-message");
            string shown = await message.CountAsync() > 0 ? await message.InnerTextAsync() : "(no message)";
            throw new InvalidOperationException($"Signing in as {username} did not leave the sign-in form; it says: {shown}");
        }
    }

    /// <summary>Opens / as a duty officer (lc.duty unless told) and waits until the hub is connected, the first snapshot is
    /// applied and the map frames the officer's jurisdiction.</summary>
    public static async Task OpenConsoleAsync(this IPage page, Uri silo, string username = "lc.duty")
    {
        await page.OpenSignedInAsync(silo, username);
        try
        {
            await page.WaitForFunctionAsync(
                "() => window.__command && window.__command.synced && window.__command.mapReady() && window.__command.connectionState() === 'connected'");
        }
        catch (TimeoutException ex)
        {
            // Which of the three never came is what a failure on a busy machine needs to say.
            string state = await page.EvaluateAsync<string>(
                "() => window.__command ? JSON.stringify({ synced: !!window.__command.synced, mapReady: window.__command.mapReady(), connection: window.__command.connectionState() }) : 'no console script'");
            throw new TimeoutException($"The console at {page.Url} did not get ready: {state}", ex);
        }
    }

    /// <summary>Opens /leader as a leader (lc.leader unless told) and waits until the hub is connected and the first
    /// snapshot is shown.</summary>
    public static async Task OpenLeaderAsync(this IPage page, Uri silo, string username = "lc.leader")
    {
        await page.OpenSignedInAsync(new Uri(silo, "leader"), username);
        await page.WaitForFunctionAsync("() => window.__leader && window.__leader.synced && window.__leader.connectionState() === 'connected'");
    }

    /// <summary>Opens /patrol as a patrol leader (their own team) or as a duty officer with <c>?team=</c> in the query.</summary>
    public static Task OpenPatrolAsync(this IPage page, Uri silo, string username, string? team = null) =>
        page.OpenSignedInAsync(new Uri(silo, team is null ? "patrol" : $"patrol?team={team}"), username);

    /// <summary>Opens /admin as an administrator and waits until its lists are loaded.</summary>
    public static async Task OpenAdminAsync(this IPage page, Uri silo, string username = "admin")
    {
        await page.OpenSignedInAsync(new Uri(silo, "admin"), username);
        await page.WaitForFunctionAsync("() => window.__admin && window.__admin.ready");
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
