using System.Text.Json;
using Microsoft.Playwright;

using Command.Tests.Support;

namespace Command.Tests.Browser;

/// <summary>
/// The pages on the screens they are used on: a 1366×768 laptop on the duty desk and the leaders' desk, a 360×740
/// phone in the patrol car. Nothing is cut off sideways, and a mass incident's 推荐警力 is in sight without scrolling.
/// The full-page screenshots are the README's.
/// </summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class SmallScreenTests(BrowserFixture browser)
{
    [Fact]
    public async Task AtLaptopSizeEveryListColumnFitsAndAMassIncidentOffersTeamsAboveTheFold()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateMassIncidentNearAsync(team, "东昌府区柳园南路与东昌路交叉口", "约八十名群众聚集在路口，情绪激动，部分人员堵塞交通", crowdSize: 80);
        string id = incident.Id();
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        await Assertions.Expect(page.Locator($"#incident-list tr[data-id='{id}']")).ToBeVisibleAsync();

        // Measured in one pass inside the page: the list re-renders as other calls come in, a half-read table would lie.
        var columns = await page.EvaluateAsync<JsonElement>(@"() => {
            const list = document.querySelector('#incident-list').getBoundingClientRect();
            return [...document.querySelectorAll('#incident-list th')].map((th) => {
                const box = th.getBoundingClientRect();
                return { label: th.textContent.trim(), right: box.right, listRight: list.right, width: box.width };
            });
        }");
        Assert.Equal(7, columns.GetArrayLength());
        foreach (var column in columns.EnumerateArray())
        {
            Assert.True(column.GetProperty("width").GetDouble() > 0, $"列 {column.Text("label")} 没有显示");
            Assert.True(column.GetProperty("right").GetDouble() <= column.GetProperty("listRight").GetDouble() + 0.5,
                $"列 {column.Text("label")} 的右边 {column.GetProperty("right")} 超出列表 {column.GetProperty("listRight")}");
        }
        // The table does not scroll sideways either: what does not fit is wrapped or shortened, not hidden.
        Assert.True(await page.EvaluateAsync<bool>("() => { const s = document.querySelector('#incident-list .list-scroll'); return s.scrollWidth <= s.clientWidth; }"));

        await page.ClickAsync($"#incident-list tr[data-id='{id}']");
        await Assertions.Expect(page.Locator("#detail-number")).ToHaveTextAsync(incident.Text("number"));
        var dispatch = page.Locator("#detail-recommendations button.dispatch").First;
        await Assertions.Expect(dispatch).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<double>("() => document.querySelector('.detail').scrollTop"));
        var geometry = await page.EvaluateAsync<JsonElement>(@"() => {
            const button = document.querySelector('#detail-recommendations button.dispatch').getBoundingClientRect();
            const detail = document.querySelector('.detail');
            const panel = detail.getBoundingClientRect();
            return { top: button.top, bottom: button.bottom, left: button.left, right: button.right, panelLeft: panel.left,
                panelRight: Math.min(panel.right, window.innerWidth), sideways: detail.scrollWidth > detail.clientWidth };
        }");
        double top = geometry.GetProperty("top").GetDouble(), bottom = geometry.GetProperty("bottom").GetDouble();
        Assert.True(top >= 0 && bottom <= 768, $"推荐警力的第一个派警按钮在 y={top}..{bottom}，不在 768 像素高的屏幕内");
        double left = geometry.GetProperty("left").GetDouble(), right = geometry.GetProperty("right").GetDouble();
        Assert.True(left >= geometry.GetProperty("panelLeft").GetDouble() && right <= geometry.GetProperty("panelRight").GetDouble() + 0.5,
            $"推荐警力的第一个派警按钮在 x={left}..{right}，超出详情栏");
        Assert.False(geometry.GetProperty("sideways").GetBoolean(), "警情详情栏需要横向滚动");
        await page.ScreenshotAsync("page-console-1366", fullPage: true);
    }

    [Fact]
    public async Task LeaderAndAdminFitALaptopAndThePatrolTerminalFitsAPhone()
    {
        const string noSideways = "() => document.documentElement.scrollWidth <= window.innerWidth";
        var leader = await browser.NewPageAsync(1366, 768);
        await leader.OpenLeaderAsync(browser.Silo.BaseAddress);
        Assert.True(await leader.EvaluateAsync<bool>(noSideways), "/leader scrolls sideways at 1366×768");
        await leader.ScreenshotAsync("page-leader-1366", fullPage: true);

        var admin = await browser.NewPageAsync(1366, 768);
        await admin.OpenAdminAsync(browser.Silo.BaseAddress);
        Assert.True(await admin.EvaluateAsync<bool>(noSideways), "/admin scrolls sideways at 1366×768");
        await admin.ScreenshotAsync("page-admin-1366", fullPage: true);

        var team = await browser.Api.TakeAvailableTeamAsync();
        var phone = await browser.NewPageAsync(360, 740, new BrowserNewContextOptions { IsMobile = true, HasTouch = true });
        await phone.OpenPatrolAsync(browser.Silo.BaseAddress, "lc.duty", team.Id());
        await Assertions.Expect(phone.Locator("body")).ToContainTextAsync(team.Text("callsign"));
        Assert.True(await phone.EvaluateAsync<bool>(noSideways), "/patrol scrolls sideways at 360×740");
        await phone.ScreenshotAsync("page-patrol-360", fullPage: true);
    }

    [Fact]
    public async Task TwoTeamsAndAnIncidentAtOnePlaceAreAllDrawnApart()
    {
        var first = await browser.Api.TakeAvailableTeamAsync();
        var second = await browser.Api.TakeAvailableTeamAsync();
        var position = first.GetProperty("position");
        double lon = Math.Round(position.GetProperty("lon").GetDouble() + 0.0007, 6);
        double lat = Math.Round(position.GetProperty("lat").GetDouble() + 0.0004, 6);
        var page = await browser.NewPageAsync(1366, 768);
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);

        foreach (var team in new[] { first, second })
        {
            await browser.Api.PostJsonAsync($"api/teams/{team.Id()}/positions", new { lon, lat });
            await page.WaitForFunctionAsync("([id, lon, lat]) => { const p = window.__command.teamPosition(id); return p && Math.abs(p[0] - lon) < 1e-6 && Math.abs(p[1] - lat) < 1e-6; }",
                new object[] { team.Id(), lon, lat }, new() { Timeout = 30_000 });
        }
        await page.EvaluateAsync("([lon, lat]) => window.__command.centerOn(lon, lat, 16)", new[] { lon, lat });

        // Both at the same place, both drawn: apart on screen, while their true pixel is one.
        const string apart = "([a, b, min]) => { const p = window.__command.teamPixel(a), q = window.__command.teamPixel(b); return p && q && Math.hypot(p[0] - q[0], p[1] - q[1]) >= min; }";
        await page.WaitForFunctionAsync(apart, new object[] { first.Id(), second.Id(), 20 }, new() { Timeout = 30_000 });
        await page.ScreenshotAsync("map-spread-teams");

        // An incident at the same place: it keeps its spot and the teams move aside, each still under the mouse.
        var incident = await browser.Api.PostJsonAsync("api/incidents", new
        {
            channel = 110, type = "publicOrder", lon, lat, address = "测试地址（重叠图标）", description = "两队与警情在同一处",
        });
        const string offIncident = "([id, lon, lat, min]) => { const p = window.__command.teamPixel(id), c = window.__command.pixelOf(lon, lat); return p && Math.hypot(p[0] - c[0], p[1] - c[1]) >= min; }";
        foreach (var team in new[] { first, second })
            await page.WaitForFunctionAsync(offIncident, new object[] { team.Id(), lon, lat, 20 }, new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>(apart, new object[] { first.Id(), second.Id(), 20 }));

        await page.ScreenshotAsync("map-spread-incident");
        var drawn = await page.EvaluateAsync<double[]>("id => window.__command.teamPixel(id)", second.Id());
        var map = await page.Locator("#map").BoundingBoxAsync();
        await page.Mouse.MoveAsync((float)(map!.X + drawn[0]), (float)(map.Y + drawn[1]));
        await Assertions.Expect(page.Locator(".map-tooltip .map-tooltip-title")).ToHaveTextAsync(second.Text("callsign"));
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/close", new { resolution = "测试结束", confirmNoArrival = true, noArrivalReason = "测试用警情，无需出警" });
    }
}
