using System.Text.Json;
using Command.Tests.Support;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>The patrol terminal on a phone: the alarm of a new assignment, calls and navigation, 到达现场 far from the
/// scene, 处警反馈. A duty officer opens a team's terminal page (/patrol?team=…), as when relaying a radio report, so
/// that every test has a team of its own.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class PatrolTerminalTests(BrowserFixture browser)
{
    private static BrowserNewContextOptions Phone(double? lon = null, double? lat = null) => new()
    {
        IsMobile = true,
        HasTouch = true,
        Permissions = lon is null ? null : ["geolocation"],
        Geolocation = lon is null ? null : new Geolocation { Longitude = (float)lon, Latitude = (float)lat! },
    };

    [Fact]
    public async Task NewAssignmentAlertsUntilAcceptedAndOffersCallsAndNavigation()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var phone = await browser.NewPageAsync(360, 740, Phone());
        await phone.OpenPatrolAsync(browser.Silo.BaseAddress, "lc.duty", team.Id());
        await Assertions.Expect(phone.Locator("#no-assignment")).ToBeVisibleAsync();
        // A touch of the page, as a leader's first tap, lets the browser play the alarm.
        await phone.Locator("#team-card").TapAsync();

        var position = team.GetProperty("position");
        var incident = await browser.Api.PostJsonAsync("api/incidents", new
        {
            channel = 110, type = "dispute", address = "东昌府区柳园南路 88 号",
            lon = Math.Round(position.GetProperty("lon").GetDouble() + 0.002, 6), lat = Math.Round(position.GetProperty("lat").GetDouble() + 0.0015, 6),
            description = "邻里纠纷，双方争吵", callerPhone = "13800001234",
        });
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });

        await Assertions.Expect(phone.Locator("#assignment-alert")).ToContainTextAsync(incident.Text("number"));
        await phone.WaitForFunctionAsync("() => window.__patrolAlerts.rings >= 2 && window.__patrolAlerts.tones >= 1");
        Assert.True(await phone.EvaluateAsync<bool>("() => window.__patrolAlerts.active"));
        await Assertions.Expect(phone.Locator("#call-caller")).ToHaveAttributeAsync("href", "tel:13800001234");
        await Assertions.Expect(phone.Locator("#call-centre")).ToHaveAttributeAsync("href", "tel:0635110");
        await Assertions.Expect(phone.Locator("#navigate-amap")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^https://uri\.amap\.com/marker\?position=1\d\d\.\d{6},3\d\.\d{6}&"));
        await Assertions.Expect(phone.Locator("#navigate-geo")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^geo:3\d\.\d{6},1\d\d\.\d{6}"));
        await phone.ScreenshotAsync("patrol-alert");

        int rings = await phone.EvaluateAsync<int>("() => window.__patrolAlerts.rings");
        await phone.Locator("#alert-accept").TapAsync();

        await Assertions.Expect(phone.Locator("#assignment-alert")).ToHaveCountAsync(0);
        Assert.False(await phone.EvaluateAsync<bool>("() => window.__patrolAlerts.active"));
        await Assertions.Expect(phone.Locator("#team-status")).ToContainTextAsync("出警途中");
        var timeline = await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}/timeline");
        Assert.Contains(timeline.EnumerateArray(), e => e.Text("kind") == "teamStatus" && e.GetProperty("data").Text("status") == "enRoute");
        await phone.WaitForTimeoutAsync(2500);
        Assert.InRange(await phone.EvaluateAsync<int>("() => window.__patrolAlerts.rings"), rings, rings + 1);
        await phone.ScreenshotAsync("patrol-accepted", fullPage: true);
        // The team never reached the scene, so closing says so (a close without arrival needs that confirmation).
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/close", new { resolution = "测试结束", confirmNoArrival = true, noArrivalReason = "测试结束，未到场" });
    }

    [Fact]
    public async Task FarArrivalAsksForConfirmationAndTheFeedbackFormGoesOntoTheTimeline()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateIncidentNearAsync(team, "路口两车刮擦，双方争执", "traffic");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });
        var scene = (await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}")).GetProperty("location");
        // About 2.7 km east of the scene (the phone's fix is WGS-84; the page converts it, a few hundred metres at most).
        var phone = await browser.NewPageAsync(360, 740, Phone(scene.GetProperty("lon").GetDouble() + 0.03, scene.GetProperty("lat").GetDouble()));
        await phone.OpenPatrolAsync(browser.Silo.BaseAddress, "lc.duty", team.Id());
        await Assertions.Expect(phone.Locator("#assignment-number")).ToHaveTextAsync(incident.Text("number"));
        await phone.WaitForFunctionAsync("() => document.querySelector('#share-state')?.textContent.includes('最近上报')");

        await phone.Locator("#action-onscene").TapAsync();
        await Assertions.Expect(phone.Locator("#far-arrival")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#far-arrival-text")).ToContainTextAsync("公里");
        await phone.ScreenshotAsync("patrol-far-arrival");
        await phone.Locator("#far-arrival-ok").TapAsync();
        await Assertions.Expect(phone.Locator("#team-status")).ToContainTextAsync("到场");
        var timeline = await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}/timeline");
        var far = timeline.EnumerateArray().Single(e => e.Text("kind") == "farArrivalConfirmed");
        Assert.InRange(far.GetProperty("data").GetProperty("distanceMeters").GetInt32(), 1500, 4000);

        await phone.Locator("#action-returning").TapAsync();
        await Assertions.Expect(phone.Locator("#field-report")).ToBeVisibleAsync();
        await phone.Locator("#field-report-ok").TapAsync();
        await Assertions.Expect(phone.Locator("#field-report .dialog-message")).ToHaveTextAsync("请填写现场情况和处置措施。");
        await phone.FillAsync("#report-found", "两车轻微刮擦，无人受伤");
        // Typing answers the complaint: it does not linger over a form being filled.
        await Assertions.Expect(phone.Locator("#field-report .dialog-message")).ToBeEmptyAsync();
        await phone.FillAsync("#report-actions", "疏导交通，引导双方快速理赔");
        await phone.FillAsync("#report-count", "2");
        await phone.SelectOptionAsync("#report-result", "已调解");
        await phone.ScreenshotAsync("patrol-field-report");
        await phone.Locator("#field-report-ok").TapAsync();
        await Assertions.Expect(phone.Locator("#patrol-message")).ToContainTextAsync("已上报：处置完毕");

        timeline = await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}/timeline");
        var report = timeline.EnumerateArray().Single(e => e.Text("kind") == "fieldReport").GetProperty("data");
        Assert.Equal(("两车轻微刮擦，无人受伤", "疏导交通，引导双方快速理赔", 2, "已调解"),
            (report.Text("found"), report.Text("actions"), report.GetProperty("peopleCount").GetInt32(), report.Text("result")));

        // The console's timeline reads both entries in its own words.
        var console = await browser.NewPageAsync(1366, 768);
        await console.OpenConsoleAsync(browser.Silo.BaseAddress);
        await console.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await Assertions.Expect(console.Locator("#detail-timeline")).ToContainTextAsync("远距离确认到场");
        await Assertions.Expect(console.Locator("#detail-timeline")).ToContainTextAsync("现场情况：两车轻微刮擦，无人受伤；处置措施：疏导交通，引导双方快速理赔；涉及人员：2 人；处置结果：已调解");
        await console.Locator("#detail-timeline").ScrollIntoViewIfNeededAsync();
        await console.ScreenshotAsync("console-field-timeline");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/close", new { resolution = "测试结束" });
    }
}
