using Command.Tests.Support;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>轨迹回放: from a closed case's panel on the duty console, the replay opens in its own window and plays the
/// team's track and the timeline through to 办结.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class ReplayPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task AClosedCasePlaysBackAt60TimesToItsCloseWithTheTeamsTrackAndTimeline()
    {
        var gx = await browser.Silo.SignInAsync("gx.duty");
        var team = await gx.TakeAvailableTeamAsync();
        string teamId = team.Id();
        // At the demo point in 吕堂社区, well inside 冠县 wherever the team happens to be.
        var incident = await gx.PostJsonAsync("api/incidents", new
        {
            channel = 122, type = "traffic", lon = 115.45, lat = 36.49, address = "冠县回放测试路口", description = "轨迹回放：路口两车剐蹭",
        });
        string id = incident.Id();
        await gx.PostJsonAsync($"api/incidents/{id}/assignments", new { teamId });
        await gx.PostJsonAsync($"api/teams/{teamId}/status", new { status = "enRoute" });
        // The team drives to the scene in six fixes, a moment apart so that each has its own time.
        var from = team.GetProperty("position");
        var to = incident.GetProperty("location");
        (double Lon, double Lat) At(double f) => (
            from.GetProperty("lon").GetDouble() + ((to.GetProperty("lon").GetDouble() - from.GetProperty("lon").GetDouble()) * f),
            from.GetProperty("lat").GetDouble() + ((to.GetProperty("lat").GetDouble() - from.GetProperty("lat").GetDouble()) * f));
        for (int i = 1; i <= 6; i++)
        {
            await Task.Delay(250);
            var (lon, lat) = At(i / 6.0);
            await gx.PostJsonAsync($"api/teams/{teamId}/positions", new { lon, lat });
        }
        await gx.PostJsonAsync($"api/teams/{teamId}/status", new { status = "onScene" });
        await Eventually.Get(() => gx.GetJsonAsync($"api/incidents/{id}"), d => d.Text("status") == "onScene", "the team on scene");
        // The officer has the case open on the console when it is closed; its panel keeps the 轨迹回放 link.
        var console = await browser.NewPageAsync(1600, 900);
        await console.OpenConsoleAsync(browser.Silo.BaseAddress, "gx.duty");
        await console.ClickAsync($"#incident-list tr[data-id='{id}']");
        await gx.PostJsonAsync($"api/incidents/{id}/close", new { resolution = "双方协商处理，道路恢复通行" });
        await Assertions.Expect(console.Locator($"article.incident-detail[data-id='{id}']")).ToHaveAttributeAsync("data-status", "closed");
        // The track log is written a second at a time: wait until the replay has all six fixes.
        await Eventually.Get(() => gx.GetJsonAsync($"api/incidents/{id}/replay"),
            r => r.GetProperty("teams").EnumerateArray().Single().GetProperty("points").GetArrayLength() >= 6, "the track log to hold the drive");

        var page = await console.RunAndWaitForPopupAsync(() => console.Locator("#detail-replay").ClickAsync());
        await page.WaitForFunctionAsync("() => window.__replay && window.__replay.loaded && window.__replay.renderedFrames() > 0");
        await Assertions.Expect(page.Locator("#case-title")).ToContainTextAsync(incident.Text("number"));
        Assert.Equal([teamId], await page.EvaluateAsync<string[]>("() => window.__replay.teamIds()"));
        // At the start (five minutes before the call) the drive has not begun.
        Assert.True(await page.EvaluateAsync<int>("(t) => window.__replay.drawnPoints(t)", teamId) < 6);
        Assert.Equal(0, await page.Locator("#timeline li.reached").CountAsync());

        await page.SelectOptionAsync("#speed", "60");
        await page.ClickAsync("#play");
        await Assertions.Expect(page.Locator("#play")).ToHaveTextAsync("暂停");
        await page.WaitForFunctionAsync("() => window.__replay.atEnd()", null, new() { Timeout = 120_000 });

        await Assertions.Expect(page.Locator("#play")).ToHaveTextAsync("播放");
        int total = await page.EvaluateAsync<int>("(t) => window.__replay.totalPoints(t)", teamId);
        Assert.True(total >= 6, $"the track has {total} points");
        Assert.Equal(total, await page.EvaluateAsync<int>("(t) => window.__replay.drawnPoints(t)", teamId));
        var items = page.Locator("#timeline li");
        Assert.Equal(await items.CountAsync(), await page.EvaluateAsync<int>("() => window.__replay.reachedEvents()"));
        await Assertions.Expect(items.Last).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("newest"));
        await Assertions.Expect(page.Locator("#timeline li.reached[data-kind='statusChanged']").Last).ToContainTextAsync("办结");
        // On scene when the case closed: at the close its symbol shows it on the way back.
        Assert.Equal("returning", await page.EvaluateAsync<string>("(t) => window.__replay.symbolStatus(t)", teamId));
        await page.ScreenshotAsync("replay-closed-case");
    }
}
