using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Command.Tests.Browser;

[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class IncidentWorkflowTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task IncidentCreatedInTheConsoleIsListedWithRecommendations()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var position = team.GetProperty("position");
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);

        await page.ClickAsync("#new-incident");
        await page.SelectOptionAsync("#new-channel", "110");
        await page.SelectOptionAsync("#new-type", "dispute");
        await page.SelectOptionAsync("#new-severity", "3");
        await page.ClickMapAtAsync(position.GetProperty("lon").GetDouble() + 0.003, position.GetProperty("lat").GetDouble() + 0.002);
        await Assertions.Expect(page.Locator("#new-location")).ToContainTextAsync("所属辖区");
        await page.FillAsync("#new-phone", "13800001111");
        await page.FillAsync("#new-description", "两户村民因宅基地边界发生争执，情绪激动");
        await page.ClickAsync("#new-save");

        // The new incident is selected, in the list and on the map, with teams recommended for it.
        var number = page.Locator("#detail-number");
        await Assertions.Expect(number).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\S+"));
        string id = await page.EvaluateAsync<string>("() => window.__command.selectedIncident()");
        var incident = await browser.Api.GetJsonAsync($"api/incidents/{id}");
        Assert.Equal("dispute", incident.Text("type"));
        Assert.Equal(3, incident.GetProperty("severity").GetInt32());
        Assert.Equal("两户村民因宅基地边界发生争执，情绪激动", incident.Text("description"));
        await Assertions.Expect(number).ToHaveTextAsync(incident.Text("number"));
        await Assertions.Expect(page.Locator($"#incident-list tr[data-id='{id}']")).ToContainTextAsync(incident.Text("number"));
        await Assertions.Expect(page.Locator($"#incident-list tr[data-id='{id}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        var recommendations = page.Locator("#detail-recommendations tbody tr");
        await Assertions.Expect(recommendations.First).ToBeVisibleAsync();
        Assert.InRange(await recommendations.CountAsync(), 1, 5);
        await Assertions.Expect(recommendations.First.Locator("td.eta")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^约\d+(小时\d{2}分|分(\d+秒)?|秒)$"));
        await Assertions.Expect(recommendations.First.Locator("button.dispatch")).ToHaveTextAsync("派警");
        var expected = await browser.Api.GetJsonAsync($"api/incidents/{id}/recommendations?limit=5");
        Assert.Equal(expected[0].Text("teamId"), await recommendations.First.GetAttributeAsync("data-team"));
        await page.ScreenshotAsync("incident-created");
    }

    [Fact]
    public async Task DispatchFromTheConsoleChangesTheTeamOnTheMapAndTheBoard()
    {
        var near = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateIncidentNearAsync(near, "路边摊贩与城管发生口角");
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");

        var first = page.Locator("#detail-recommendations button.dispatch").First;
        string teamId = (await first.GetAttributeAsync("data-team"))!;
        Assert.Equal("available", await page.EvaluateAsync<string>("id => window.__command.teamStyle(id).status", teamId));
        await first.ClickAsync();

        await page.WaitForFunctionAsync("id => window.__command.teamStyle(id).status === 'dispatched'", teamId);
        await Assertions.Expect(page.Locator($"#detail-assignments tr[data-team='{teamId}']")).ToContainTextAsync("已派警");
        await Assertions.Expect(page.Locator("#detail-progress li[data-step='dispatched']")).ToHaveClassAsync("current");
        await page.ClickAsync("[data-tab='team-board']");
        var row = page.Locator($"#team-board tr[data-id='{teamId}']");
        await Assertions.Expect(row.Locator(".team-status")).ToHaveTextAsync("已派警");
        await Assertions.Expect(row).ToContainTextAsync(incident.Text("number"));
        var team = await browser.Api.GetJsonAsync($"api/teams/{teamId}");
        Assert.Equal("dispatched", team.Text("status"));
        Assert.Equal(incident.Id(), team.Text("incidentId"));
        await page.ScreenshotAsync("dispatched");
    }

    [Fact]
    public async Task PatrolLeaderAcceptsAndArrivesAndTheConsoleFollows()
    {
        // gx.patrol (刘洋) leads 冠县's first team; the page is that team's, with no team to pick.
        var team = await browser.Api.GetJsonAsync("api/teams/team-371525-01");
        Assert.Equal("available", team.Text("status"));
        var incident = await browser.Api.CreateIncidentNearAsync(team, "商场门口有人持械威胁路人", type: "criminal", address: "东昌府区 某商场南门");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });

        var console = await browser.NewPageAsync();
        await console.OpenConsoleAsync(browser.Silo.BaseAddress);
        await console.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");
        await Assertions.Expect(console.Locator("#detail-progress li[data-step='dispatched']")).ToHaveClassAsync("current");

        // The leader's phone: 360 px wide, with a position fix near the scene (WGS-84, as a browser reports it).
        var position = team.GetProperty("position");
        var phone = await browser.NewPageAsync(360, 740, new BrowserNewContextOptions
        {
            Geolocation = new Geolocation { Longitude = (float)position.GetProperty("lon").GetDouble(), Latitude = (float)position.GetProperty("lat").GetDouble() },
            Permissions = ["geolocation"],
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        await phone.OpenPatrolAsync(browser.Silo.BaseAddress, "gx.patrol");
        await Assertions.Expect(phone.Locator("#team-callsign")).ToHaveTextAsync(team.Text("callsign"));
        await Assertions.Expect(phone.Locator("#team-picker")).ToBeHiddenAsync();
        await Assertions.Expect(phone.Locator("#user-name")).ToHaveTextAsync("刘洋");
        await Assertions.Expect(phone.Locator("#assignment-number")).ToHaveTextAsync(incident.Text("number"));
        await Assertions.Expect(phone.Locator("#assignment-description")).ToHaveTextAsync("商场门口有人持械威胁路人");
        await Assertions.Expect(phone.Locator("#action-onscene")).ToBeEnabledAsync();
        await Assertions.Expect(phone.Locator("#action-returning")).ToBeDisabledAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "The patrol page is wider than a 360 px phone.");
        var button = await phone.Locator("#action-enroute").BoundingBoxAsync();
        Assert.True(button!.Height >= 48, $"The 接受/出发 button is {button.Height} px high; touch targets need at least 48.");
        await phone.ScreenshotAsync("patrol-dispatched", fullPage: true);

        await phone.ClickAsync("#action-enroute");
        await Assertions.Expect(phone.Locator("#team-status")).ToHaveTextAsync("出警途中");
        await console.WaitForFunctionAsync("id => window.__command.teamStyle(id).status === 'enRoute'", team.Id());
        await Assertions.Expect(console.Locator($"#detail-assignments tr[data-team='{team.Id()}']")).ToContainTextAsync("出警途中");

        await phone.ClickAsync("#action-onscene");
        await Assertions.Expect(phone.Locator("#team-status")).ToHaveTextAsync("到场处置");
        await Assertions.Expect(console.Locator("#detail-progress li[data-step='onScene']")).ToHaveClassAsync("current");
        await Assertions.Expect(console.Locator($"#incident-list tr[data-id='{incident.Id()}'] .status")).ToHaveTextAsync("到场");
        await console.WaitForFunctionAsync("id => window.__command.teamStyle(id).status === 'onScene'", team.Id());
        await Assertions.Expect(console.Locator("#detail-timeline")).ToContainTextAsync("巡防队长:刘洋(gx.patrol)");

        // While the page is open the phone's position is shared.
        await Assertions.Expect(phone.Locator("#share-state")).ToContainTextAsync("最近上报", new() { Timeout = 15_000 });
        await phone.ScreenshotAsync("patrol-on-scene", fullPage: true);
        await console.ScreenshotAsync("console-on-scene");
        output.WriteLine($"{team.Text("callsign")} reported en route and on scene for {incident.Text("number")}.");
    }

    [Fact]
    public async Task MassIncidentTypedByAddressShowsCrowdSizeAndHandlingPrinciples()
    {
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        await page.ClickAsync("#new-incident");
        await page.SelectOptionAsync("#new-type", "massIncident");
        await Assertions.Expect(page.Locator("#new-crowd")).ToBeVisibleAsync();
        await page.FillAsync("#new-crowd", "60");
        await page.FillAsync("#new-description", "约六十名村民聚集在镇政府门口，要求解决征地补偿问题");

        // A bare place name (no street, no number) offers the named places first: the township is picked from the list.
        await page.Locator("#new-address").PressSequentiallyAsync("冠城关");
        var suggestion = page.Locator(".suggestions li").First;
        await Assertions.Expect(suggestion).ToContainTextAsync("冠城关街道");
        await suggestion.DispatchEventAsync("mousedown");
        await Assertions.Expect(page.Locator("#new-address")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("冠县.*冠城关街道"));
        await Assertions.Expect(page.Locator("#new-location")).ToContainTextAsync("所属辖区：冠县");
        await page.ClickAsync("#new-save");

        await Assertions.Expect(page.Locator(".guidance")).ToContainTextAsync("宜散不宜聚、宜解不宜结、宜顺不宜激");
        await Assertions.Expect(page.Locator("#incident-panel .info")).ToContainTextAsync("约 60 人");
        // Graded by the crowd: 60 is under the built-in rules' first band (100 → III), so IV.
        await Assertions.Expect(page.Locator("#incident-panel .info")).ToContainTextAsync("IV级 一般");
        string id = await page.EvaluateAsync<string>("() => window.__command.selectedIncident()");
        var incident = await browser.Api.GetJsonAsync($"api/incidents/{id}");
        Assert.True(incident.GetProperty("isMassIncident").GetBoolean());
        Assert.Equal(60, incident.GetProperty("crowdSize").GetInt32());
        Assert.Equal("371525", incident.GetProperty("jurisdictionChain")[1].Text("id"));
        await page.ScreenshotAsync("mass-incident");
    }

    [Fact]
    public async Task ClosingAnIncidentAsksForTheResolutionAndFreesItsTeam()
    {
        var team = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateIncidentNearAsync(team, "电动车被盗，车主在现场等候", type: "criminal");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });
        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");

        await page.ClickAsync("#action-handling");
        await page.FillAsync("#handling-note", "民警已调取周边监控");
        await page.ClickAsync(".part-actions button[type='submit']");
        await Assertions.Expect(page.Locator("#detail-progress li[data-step='handling']")).ToHaveClassAsync("current");

        await page.ClickAsync("#action-close");
        await page.ClickAsync(".part-actions button[type='submit']");
        await Assertions.Expect(page.Locator(".part-actions .form-message")).ToHaveTextAsync("请填写办结情况");
        await page.FillAsync("#close-resolution", "车辆已找回，移交派出所立案");
        await page.ClickAsync(".part-actions button[type='submit']");

        await Assertions.Expect(page.Locator("#detail-progress li[data-step='closed']")).ToHaveClassAsync("current");
        await Assertions.Expect(page.Locator(".resolution")).ToHaveTextAsync("车辆已找回，移交派出所立案");
        await Assertions.Expect(page.Locator($"#incident-list tr[data-id='{incident.Id()}']")).ToHaveCountAsync(0);
        await page.WaitForFunctionAsync("id => window.__command.teamStyle(id).status === 'available'", team.Id());
        await page.ClickAsync("[data-tab='team-board']");
        await Assertions.Expect(page.Locator($"#team-board tr[data-id='{team.Id()}'] .team-status")).ToHaveTextAsync("待命");
        var timeline = await browser.Api.GetJsonAsync($"api/incidents/{incident.Id()}/timeline");
        Assert.Contains(timeline.EnumerateArray(), e => e.Text("kind") == "statusChanged" && e.Text("actor") == "值班员:张伟(lc.duty)"
            && e.GetProperty("data").Text("note") == "车辆已找回，移交派出所立案");
        await page.ScreenshotAsync("closed");
    }

    [Fact]
    public async Task MarkupInADescriptionIsShownAsTextNotRun()
    {
        const string markup = "<img src=x onerror=alert(1)>";
        var team = await browser.Api.TakeAvailableTeamAsync();
        var incident = await browser.Api.CreateIncidentNearAsync(team, markup, address: "<b onmouseover=alert(2)>地址</b>");
        await browser.Api.PostJsonAsync($"api/incidents/{incident.Id()}/assignments", new { teamId = team.Id() });

        var dialogs = new List<string>();
        var page = await browser.NewPageAsync();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await page.OpenConsoleAsync(browser.Silo.BaseAddress);
        await page.ClickAsync($"#incident-list tr[data-id='{incident.Id()}']");

        var description = page.Locator("#detail-description");
        await Assertions.Expect(description).ToHaveTextAsync(markup);
        Assert.Equal(0, await page.Locator("#incident-panel img").CountAsync());
        Assert.Equal(0, await page.Locator("#incident-panel b").CountAsync());
        await Assertions.Expect(page.Locator("#incident-panel .info")).ToContainTextAsync("<b onmouseover=alert(2)>地址</b>");

        // The patrol leader's page shows the same call the same way.
        var phone = await browser.NewPageAsync(360, 740);
        phone.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await phone.OpenPatrolAsync(browser.Silo.BaseAddress, "lc.duty", team.Id());
        await Assertions.Expect(phone.Locator("#assignment-description")).ToHaveTextAsync(markup);
        Assert.Equal(0, await phone.Locator("#assignment img").CountAsync());

        await page.WaitForTimeoutAsync(500);
        Assert.Empty(dialogs);
        await page.ScreenshotAsync("markup-as-text");
    }
}
