using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Command.Tests.Browser;

[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class ConsoleMapTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task ConsoleDrawsTheCountyBoundariesWithTheirNames()
    {
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);

        var counties = (await browser.Api.GetJsonAsync("api/map/boundaries?level=county")).GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(8, counties.Count);
        Assert.Equal(counties.Select(c => c.GetProperty("properties").Text("name")).Order(StringComparer.Ordinal),
            (await page.EvaluateAsync<string[]>("() => window.__command.countyNames()")).Order(StringComparer.Ordinal));
        foreach (var county in counties)
        {
            // A hit test on the rendered map at the county's label point: the polygon is drawn there, under its name.
            var properties = county.GetProperty("properties");
            string? drawn = await page.EvaluateAsync<string?>("([lon, lat]) => window.__command.countyAt(lon, lat)",
                new[] { properties.GetProperty("labelLon").GetDouble(), properties.GetProperty("labelLat").GetDouble() });
            Assert.Equal(properties.Text("name"), drawn);
        }
        Assert.Equal("实时连接正常", await page.Locator("#connection").TextContentAsync());
        await page.ScreenshotAsync("console");
    }

    [Fact]
    public async Task PositionPostedOverHttpMovesTheTeamIcon()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        var before = await page.EvaluateAsync<double[]>("id => window.__command.teamPosition(id)", team.Id());
        double lon = Math.Round(before[0] + 0.01, 6);
        double lat = Math.Round(before[1] - 0.008, 6);

        await browser.Api.PostJsonAsync($"api/teams/{team.Id()}/positions", new { lon, lat });
        var clock = Stopwatch.StartNew();
        await page.WaitForFunctionAsync("([id, lon, lat]) => { const p = window.__command.teamPosition(id); return Math.abs(p[0] - lon) > 1e-7 || Math.abs(p[1] - lat) > 1e-7; }",
            // How soon is the bench's business (fan-out); here a generous bound only tells a move from none.
            new object[] { team.Id(), before[0], before[1] }, new() { Timeout = 30_000, PollingInterval = 10 });
        output.WriteLine($"The icon of {team.Text("callsign")} started moving {clock.ElapsedMilliseconds} ms after the POST was acknowledged.");

        // It glides there rather than jumping, and ends exactly at the reported fix.
        await page.WaitForFunctionAsync("([id, lon, lat]) => { const p = window.__command.teamPosition(id); return Math.abs(p[0] - lon) < 1e-6 && Math.abs(p[1] - lat) < 1e-6; }",
            new object[] { team.Id(), lon, lat }, new() { Timeout = 30_000 });
        output.WriteLine($"It reached the new position after {clock.ElapsedMilliseconds} ms.");
    }

    [Fact]
    public async Task HoveringATeamShowsCallsignStatusTimeInStatusAndMembers()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        var at = await page.EvaluateAsync<double[]>("id => window.__command.teamPosition(id)", team.Id());
        var pixel = await page.EvaluateAsync<double[]>("([lon, lat]) => window.__command.pixelOf(lon, lat)", at);
        var box = await page.Locator("#map").BoundingBoxAsync();
        await page.Mouse.MoveAsync((float)(box!.X + pixel[0]), (float)(box.Y + pixel[1]));

        var tooltip = page.Locator(".map-tooltip");
        await Assertions.Expect(tooltip).ToBeVisibleAsync();
        await Assertions.Expect(tooltip.Locator(".map-tooltip-title")).ToHaveTextAsync(team.Text("callsign"));
        await Assertions.Expect(tooltip).ToContainTextAsync("待命（");
        await Assertions.Expect(tooltip).ToContainTextAsync($"人员：{team.GetProperty("members").GetInt32()} 人");
        await Assertions.Expect(tooltip).ToContainTextAsync(team.GetProperty("roster")[0].GetString()!);
        await page.ScreenshotAsync("team-tooltip");
    }

    [Fact]
    public async Task CameraAndCheckpointLayersCanBeSwitchedOnAndOff()
    {
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        Assert.False(await page.IsCheckedAsync("#layer-cameras"));
        // 治安卡点 start off: at city scale they crowd out the incidents and teams.
        Assert.False(await page.IsCheckedAsync("#layer-checkpoints"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__command.layerVisible('checkpoints')"));
        await page.CheckAsync("#layer-cameras");
        await page.CheckAsync("#layer-checkpoints");
        await page.WaitForFunctionAsync("() => window.__command.layerVisible('cameras') && window.__command.layerVisible('checkpoints') && window.__command.assetCount('checkpoints') > 0");
        await page.UncheckAsync("#layer-checkpoints");
        await page.WaitForFunctionAsync("() => window.__command.layerVisible('cameras') && !window.__command.layerVisible('checkpoints') && window.__command.assetCount('cameras') > 0");
        await page.ScreenshotAsync("console-cameras");
    }
}
