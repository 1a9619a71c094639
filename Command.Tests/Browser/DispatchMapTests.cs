using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class DispatchMapTests(BrowserFixture browser)
{
    private static readonly Regex Duration = new(@"^约\d+(小时\d{2}分|分(\d+秒)?|秒)$");

    [Fact]
    public async Task RecommendationsReadTheArrivalAsADurationAndListEachTeamsEquipment()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateIncidentNearAsync(team, "有人打架，推荐警力测试");
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");

        var rows = page.Locator("#detail-recommendations tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        foreach (var eta in await rows.Locator("td.eta").AllTextContentsAsync())
        {
            Assert.Matches(Duration, eta);
        }
        var recommended = await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}/recommendations?limit=5");
        var first = recommended[0];
        var kit = page.Locator($"#detail-recommendations tr[data-team='{first.Text("teamId")}'] td.equipment .kit");
        await Assertions.Expect(kit).ToHaveTextAsync(first.GetProperty("equipment").EnumerateArray().Select(e => e.GetString()!).ToArray());
        await page.ScreenshotAsync("dispatch-recommendations-1366");
    }

    [Fact]
    public async Task AnIncidentUpgradedToAMassIncidentShowsAsOneAndIsOfferedOnlyRiotEquippedTeams()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateIncidentNearAsync(team, "纠纷升级测试");
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await Assertions.Expect(page.Locator(".detail-type")).ToHaveTextAsync("治安");

        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/mass", new { cause = "other", crowdSize = 50 });

        await Assertions.Expect(page.Locator(".detail-type")).ToHaveTextAsync("群体性事件（原治安）");
        await Assertions.Expect(page.Locator($"#incident-list tr[data-id='{incident.Id()}']")).ToContainTextAsync("群体性事件");
        await page.WaitForFunctionAsync("id => window.__command.incidentGlyph(id) === '群'", incident.Id());
        // Every team offered now carries 防暴装备; or, with none free, the page says 警力不足.
        var offered = page.Locator("#detail-recommendations tbody tr, #detail-shortage");
        await Assertions.Expect(offered.First).ToBeVisibleAsync();
        foreach (var row in await page.Locator("#detail-recommendations tbody tr").AllAsync())
        {
            await Assertions.Expect(row.Locator("td.equipment")).ToContainTextAsync("防暴装备");
        }
        await page.ScreenshotAsync("dispatch-mass-upgrade");
    }

    [Fact]
    public async Task TheMapDrawsALineFromTheCaseToEachTeamSent()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateIncidentNearAsync(team, "连线测试");
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);

        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });

        await page.WaitForFunctionAsync("([incident, team]) => window.__command.dispatchLines(incident).includes(team)", new[] { incident.Id(), team.Id() });
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await page.ScreenshotAsync("dispatch-lines");
    }

    [Fact]
    public async Task CheckpointsAreOffByDefaultAndStreetZoomWithoutTilesSaysHowToConfigureThem()
    {
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);

        Assert.False(await page.IsCheckedAsync("#layer-checkpoints"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__command.layerVisible('checkpoints')"));
        var notice = page.Locator(".no-basemap");
        await Assertions.Expect(notice).ToBeHiddenAsync();

        await page.EvaluateAsync("() => window.__command.zoomTo(15)");

        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync("未配置底图");
        await Assertions.Expect(notice).ToContainTextAsync("Console:TileUrl");
        await page.ScreenshotAsync("map-no-basemap-1366");
    }
}
