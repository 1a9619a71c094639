using System.Text.Json;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>态势图 on /leader: the leader's jurisdiction with its live cases in their severity colour, the golden
/// windows counting down, new cases arriving without a reload, nothing from outside the leader's jurisdiction, and a
/// click on a case opening 查看案情.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class SituationMapTests(BrowserFixture browser)
{
    /// <summary>In 冠城关街道 (冠县's township t01), beside the demo point.</summary>
    private static readonly (double Lon, double Lat) InGuanchengguan = (115.45, 36.49);

    /// <summary>In 冠县, a few kilometres from the demo point where most browser tests call their cases and send their
    /// teams: a case there is the only thing under the pointer when the map is zoomed in on it.</summary>
    private static readonly (double Lon, double Lat) QuietSpot = (115.48, 36.52);

    /// <summary>In 冠南镇 (冠县's township t02): 冠县, but not 冠城关街道.</summary>
    private static readonly (double Lon, double Lat) InGuannan = (115.5355, 36.4188);

    private static readonly Dictionary<int, string> SeverityColour = new() { [1] = "#c62828", [2] = "#ef6c00", [3] = "#f9a825", [4] = "#1565c0" };

    [Fact]
    public async Task CountyLeaderSeesTheLiveCasesInTheirSeverityColourNewOnesWithoutReloadAndOpensOneFromTheMap()
    {
        var before = await CallAsync(InGuannan, severity: 3, "村口两户因宅基地争吵");
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenLeaderAsync(browser.Silo.BaseAddress, "gx.leader");
        await MapReadyAsync(page);
        Assert.Equal("冠县", await page.EvaluateAsync<string>("() => window.__leader.situation.framedJurisdiction()"));
        await WaitDrawnAsync(page, before.Id());
        Assert.Equal(SeverityColour[3], await ColourAsync(page, before.Id()));

        // A case called in while the page is open is drawn without a reload, in its own colour.
        var ticks = await page.EvaluateAsync<int>("() => window.__leader.situation.renderedFrames()");
        var fresh = await CallAsync(InGuanchengguan, severity: 1, "饭店内持刀伤人，伤者倒地");
        await WaitDrawnAsync(page, fresh.Id());
        Assert.Equal(SeverityColour[1], await ColourAsync(page, fresh.Id()));
        Assert.True(await page.EvaluateAsync<int>("() => window.__leader.situation.renderedFrames()") > ticks);

        // A mass incident's golden window counts down on the map, in words over its ring, and on hover.
        // At a fixed place in the county away from the other tests' scenes: a case or team drawn over it would take the
        // hover (a team's position, which other tests move, may also have left the county).
        var mass = await MassIncidentAsync(QuietSpot, "冠县测试工地门口", "工地门口聚集讨薪，情绪激动", 60);
        Assert.StartsWith("371525", mass.Text("jurisdictionId"));
        await WaitDrawnAsync(page, mass.Id());
        await page.WaitForFunctionAsync("id => (window.__leader.situation.countdownLabel(id) || '').includes('剩余')", mass.Id());
        string label = await page.EvaluateAsync<string>("id => window.__leader.situation.countdownLabel(id)", mass.Id());
        var milestones = (await browser.Api.GetJsonAsync($"api/incidents/{mass.Id()}")).GetProperty("milestones").EnumerateArray()
            .Where(m => m.Text("state") == "pending").OrderBy(m => m.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.StartsWith($"{milestones[0].Text("title")} 剩余 ", label);
        Assert.Equal(SeverityColour[2], await ColourAsync(page, mass.Id()));

        var massLocation = (await browser.Api.GetJsonAsync($"api/incidents/{mass.Id()}")).GetProperty("location");
        var spot = (massLocation.GetProperty("lon").GetDouble(), massLocation.GetProperty("lat").GetDouble());
        await ZoomOnAsync(page, spot);
        await HoverAsync(page, spot);
        await TooltipSaysAsync(page, "黄金处置窗口");
        Assert.Contains(mass.Text("number"), await page.EvaluateAsync<string>("() => window.__leader.situation.tooltip()"));
        await page.ScreenshotAsync("leader-situation-hover");

        // A click on the case opens 查看案情 on it.
        await ClickAsync(page, spot);
        var dialog = page.Locator("#case-view");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("#case-view-title")).ToContainTextAsync(mass.Text("number"));
        await Assertions.Expect(dialog.Locator("#case-view-timeline li").First).ToBeVisibleAsync();
        await dialog.Locator(".case-view-close").ClickAsync();

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => window.__leader && window.__leader.synced");
        await MapReadyAsync(page);
        await page.ScreenshotAsync("leader-situation");
    }

    [Fact]
    public async Task TownshipLeaderSeesTheirTownshipAndNoCaseOutsideIt()
    {
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenLeaderAsync(browser.Silo.BaseAddress, "gcg.leader");
        await MapReadyAsync(page);
        Assert.Equal("冠城关街道", await page.EvaluateAsync<string>("() => window.__leader.situation.framedJurisdiction()"));
        // A township fills the map: far less than the county's 1,150 km² is in view.
        var extent = await page.EvaluateAsync<double[]>("() => window.__leader.situation.viewExtent()");
        Assert.True(extent[2] - extent[0] < 0.3 && extent[3] - extent[1] < 0.3, $"the view {string.Join(",", extent)} is wider than a township");
        Assert.InRange(InGuanchengguan.Lon, extent[0], extent[2]);
        Assert.InRange(InGuanchengguan.Lat, extent[1], extent[3]);

        // Called in the other township first, then in 冠城关街道: once the second is drawn, the first would have been too.
        var outside = await CallAsync(InGuannan, severity: 2, "冠南镇集市摊贩斗殴");
        Assert.StartsWith("371525-t02", outside.Text("jurisdictionId"));
        var inside = await CallAsync(InGuanchengguan, severity: 2, "冠城关街道小区内打架");
        Assert.StartsWith("371525-t01", inside.Text("jurisdictionId"));
        await WaitDrawnAsync(page, inside.Id());
        Assert.Equal(SeverityColour[2], await ColourAsync(page, inside.Id()));
        var drawn = await page.EvaluateAsync<string[]>("() => window.__leader.situation.incidentIds()");
        Assert.DoesNotContain(outside.Id(), drawn);

        // Nor after a reload, from the snapshot.
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => window.__leader && window.__leader.synced");
        await MapReadyAsync(page);
        await WaitDrawnAsync(page, inside.Id());
        Assert.DoesNotContain(outside.Id(), await page.EvaluateAsync<string[]>("() => window.__leader.situation.incidentIds()"));
        await page.ScreenshotAsync("leader-situation-township");
    }

    private static Task MapReadyAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.__leader && window.__leader.situation && window.__leader.situation.ready()");

    private static Task WaitDrawnAsync(IPage page, string incidentId) =>
        page.WaitForFunctionAsync("id => window.__leader.situation.incidentIds().includes(id)", incidentId);

    private static async Task TooltipSaysAsync(IPage page, string text)
    {
        try
        {
            await page.WaitForFunctionAsync("text => (window.__leader.situation.tooltip() || '').includes(text)", text, new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            var shown = await page.EvaluateAsync<string?>("() => window.__leader.situation.tooltip()");
            throw new Xunit.Sdk.XunitException($"The tooltip never said {text}; it says: {shown ?? "(none)"}");
        }
    }

    private static Task<string> ColourAsync(IPage page, string incidentId) =>
        page.EvaluateAsync<string>("id => window.__leader.situation.incidentColour(id)", incidentId);

    /// <summary>A call a few dozen metres from a place, off the spot of earlier tests' calls.</summary>
    private async Task<JsonElement> CallAsync((double Lon, double Lat) near, int severity, string description)
    {
        double jitter() => (Random.Shared.NextDouble() - 0.5) * 0.001;
        return await browser.Api.PostJsonAsync("api/incidents", new
        {
            channel = 110,
            type = "publicOrder",
            severity,
            lon = Math.Round(near.Lon + jitter(), 6),
            lat = Math.Round(near.Lat + jitter(), 6),
            address = "态势图测试地址",
            description,
        });
    }

    private async Task<JsonElement> MassIncidentAsync((double Lon, double Lat) near, string address, string description, int crowdSize)
    {
        double jitter() => (Random.Shared.NextDouble() - 0.5) * 0.001;
        return await browser.Api.PostJsonAsync("api/incidents", new
        {
            channel = 110,
            type = "massIncident",
            severity = 2,
            lon = Math.Round(near.Lon + jitter(), 6),
            lat = Math.Round(near.Lat + jitter(), 6),
            address,
            description,
            crowdSize,
        });
    }

    private static async Task ZoomOnAsync(IPage page, (double Lon, double Lat) spot)
    {
        await page.EvaluateAsync("([lon, lat]) => window.__leader.situation.centerOn(lon, lat, 15)", new[] { spot.Lon, spot.Lat });
        await MapReadyAsync(page);
    }

    private static async Task<(float X, float Y)> ScreenPointAsync(IPage page, (double Lon, double Lat) spot)
    {
        var pixel = await page.EvaluateAsync<double[]>("([lon, lat]) => window.__leader.situation.pixelOf(lon, lat)", new[] { spot.Lon, spot.Lat });
        var box = await page.Locator("#situation-map").BoundingBoxAsync() ?? throw new InvalidOperationException("The map is not on screen.");
        return ((float)(box.X + pixel[0]), (float)(box.Y + pixel[1]));
    }

    private static async Task HoverAsync(IPage page, (double Lon, double Lat) spot)
    {
        var (x, y) = await ScreenPointAsync(page, spot);
        await page.Mouse.MoveAsync(x - 3, y - 3);
        await page.Mouse.MoveAsync(x, y);
    }

    private static async Task ClickAsync(IPage page, (double Lon, double Lat) spot)
    {
        var (x, y) = await ScreenPointAsync(page, spot);
        await page.Mouse.ClickAsync(x, y);
    }
}
