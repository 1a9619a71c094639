using System.Text.Json.Nodes;
using Microsoft.Playwright;

using Command.Tests.Support;

namespace Command.Tests.Browser;

/// <summary>
/// Alarms on / and /leader: a new call sounds (a Web Audio tone, recorded in window.__commandAlarms) and shows a
/// flashing banner until acknowledged; a console muted with 静音 shows it without sound and remembers being muted.
/// Golden-window countdowns turn amber at the rules' warning time and red at the breach, which also sounds.
/// </summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class AlarmTests(BrowserFixture browser)
{
    private const string Sounded = "key => (window.__commandAlarms ?? []).some(a => a.key === key && a.sounded)";
    private const string Recorded = "key => (window.__commandAlarms ?? []).find(a => a.key === key) ?? null";

    [Fact]
    public async Task NewCallSoundsAndFlashesOnTheConsoleAndTheLeaderPageButNotWhenMuted()
    {
        var console = await browser.NewPageAsync();
        await console.OpenConsoleAsync(browser.Silo.BaseAddress);
        var leader = await browser.NewPageAsync(1366, 768);
        await leader.OpenLeaderAsync(browser.Silo.BaseAddress);
        // Browsers let a page play sound only after the user has clicked or typed on it.
        await console.Mouse.ClickAsync(5, 5);
        await leader.Mouse.ClickAsync(5, 5);

        var team = (await browser.Api.GetJsonAsync("api/teams"))[0];
        var call = await browser.Api.CreateIncidentNearAsync(team, "有人报警称被盗", address: "报警测试地址一");
        string key = $"new:{call.Id()}";
        await console.WaitForFunctionAsync(Sounded, key);
        await leader.WaitForFunctionAsync(Sounded, key);
        var banner = console.Locator("#alarm-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync(call.Text("number"));
        await Assertions.Expect(banner).ToContainTextAsync("新警情");
        await Assertions.Expect(leader.Locator("#alarm-banner")).ToContainTextAsync(call.Text("number"));
        await console.ScreenshotAsync("alarm-console");
        await leader.ScreenshotAsync("alarm-leader-1366");

        // 知道了 takes it off until the next one.
        await console.Locator("#alarm-banner .alarm-ack-all, #alarm-banner .alarm-ack").First.ClickAsync();
        if (await banner.IsVisibleAsync())
        {
            await console.Locator("#alarm-banner .alarm-ack-all").ClickAsync();
        }
        await Assertions.Expect(banner).ToBeHiddenAsync();

        // Muted: the next call shows but makes no sound, and the choice survives a reload.
        await console.ClickAsync("#alarm-mute");
        await Assertions.Expect(console.Locator("#alarm-mute")).ToHaveAttributeAsync("aria-pressed", "true");
        var second = await browser.Api.CreateIncidentNearAsync(team, "有人报警称被盗", address: "报警测试地址二");
        string secondKey = $"new:{second.Id()}";
        await console.WaitForFunctionAsync("key => (window.__commandAlarms ?? []).some(a => a.key === key)", secondKey);
        await leader.WaitForFunctionAsync(Sounded, secondKey); // the leader page is not muted
        var muted = await console.EvaluateAsync<System.Text.Json.JsonElement>(Recorded, secondKey);
        Assert.True(muted.GetProperty("muted").GetBoolean());
        Assert.False(muted.GetProperty("sounded").GetBoolean());
        await Assertions.Expect(banner).ToContainTextAsync(second.Text("number"));

        await console.ReloadAsync();
        await console.WaitForFunctionAsync("() => window.__command && window.__command.synced");
        await Assertions.Expect(console.Locator("#alarm-mute")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(console.Locator("#alarm-mute")).ToContainTextAsync("静音");
    }

    [Fact]
    public async Task AnAlarmNobodyAcknowledgedSoundsAgainUntilSomeoneDoes()
    {
        var console = await browser.NewPageAsync();
        // The page repeats every 30 s; the test does not wait that long for each tone.
        await console.AddInitScriptAsync("window.__commandAlarmRepeatMs = 1500");
        await console.OpenConsoleAsync(browser.Silo.BaseAddress);
        await console.Mouse.ClickAsync(5, 5);

        var team = (await browser.Api.GetJsonAsync("api/teams"))[0];
        var call = await browser.Api.CreateIncidentNearAsync(team, "有人报警称家中被盗，无人接听回拨", address: "报警测试地址三");
        string key = $"new:{call.Id()}";
        await console.WaitForFunctionAsync(Sounded, key);
        await console.WaitForFunctionAsync("key => ((window.__commandAlarms ?? []).find(a => a.key === key)?.repeats ?? 0) >= 2", key);

        await console.Locator("#alarm-banner .alarm-ack-all, #alarm-banner .alarm-ack").First.ClickAsync();
        if (await console.Locator("#alarm-banner").IsVisibleAsync())
        {
            await console.Locator("#alarm-banner .alarm-ack-all").ClickAsync();
        }
        await Assertions.Expect(console.Locator("#alarm-banner")).ToBeHiddenAsync();
        const string Repeats = "key => (window.__commandAlarms ?? []).find(a => a.key === key).repeats";
        int repeats = await console.EvaluateAsync<int>(Repeats, key);
        // Three repeat intervals and more: an acknowledged alarm stays quiet.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(repeats, await console.EvaluateAsync<int>(Repeats, key));
    }

    [Fact]
    public async Task CountdownTurnsAmberAtTheWarningAndRedAtTheBreachWhichSounds()
    {
        var rules = TestRules.Default();
        rules["milestones"] = new JsonArray(
            new JsonObject { ["name"] = "firstTeamOnScene", ["title"] = "首支处置力量到场", ["dueMinutes"] = 0.75, ["metBy"] = "teamOnScene" },
            new JsonObject { ["name"] = "writtenReport", ["title"] = "24小时内书面报告", ["dueMinutes"] = 1440, ["metBy"] = "report", ["reportKind"] = "writtenReport" });
        rules["milestoneOverrides"] = new JsonArray();
        rules["dueWarningMinutes"] = 0.5; // amber from 15 s after the window opens, red at 45 s
        string file = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, rules.ToJsonString());
        await using var silo = await SiloProcess.StartAsync(args: ["--rules", file]);
        try
        {
            using var http = await silo.SignInAsync("lc.duty");
            var console = await browser.NewPageAsync();
            await console.OpenConsoleAsync(silo.BaseAddress);
            var leader = await browser.NewPageAsync();
            await leader.OpenLeaderAsync(silo.BaseAddress);
            await console.Mouse.ClickAsync(5, 5);
            await leader.Mouse.ClickAsync(5, 5);

            var team = await http.TakeAvailableTeamAsync();
            var incident = await http.CreateMassIncidentNearAsync(team, "厂区大门", "约五十名工人聚集讨薪", crowdSize: 50);
            string id = incident.Id();
            await console.ClickAsync($"#incident-list tr[data-id='{id}']");
            var panelCountdown = console.Locator(".milestones [data-name='firstTeamOnScene'] .due");
            var leaderCountdown = leader.Locator($"#windows [data-incident='{id}'] [data-name='firstTeamOnScene'] .due");
            await Assertions.Expect(panelCountdown).ToContainTextAsync("剩余");
            await Assertions.Expect(leaderCountdown).ToContainTextAsync("剩余");

            var amber = new System.Text.RegularExpressions.Regex("\\bwarning\\b");
            var red = new System.Text.RegularExpressions.Regex("\\boverdue\\b");
            await Assertions.Expect(panelCountdown).ToHaveClassAsync(amber, new() { Timeout = 60_000 });
            await Assertions.Expect(leaderCountdown).ToHaveClassAsync(amber, new() { Timeout = 60_000 });
            await Assertions.Expect(panelCountdown).Not.ToHaveClassAsync(red);
            // The map's ring around the case turns amber at the same warning time.
            await console.WaitForFunctionAsync("id => window.__command.incidentRing(id)?.warning === true", id, new() { Timeout = 60_000 });
            await console.ScreenshotAsync("countdown-amber");
            await leader.ScreenshotAsync("countdown-amber-leader");

            string breach = $"breach:{id}:firstTeamOnScene";
            await console.WaitForFunctionAsync(Sounded, breach, new() { Timeout = 90_000 });
            await leader.WaitForFunctionAsync(Sounded, breach, new() { Timeout = 90_000 });
            await Assertions.Expect(leader.Locator($"#windows [data-incident='{id}'] [data-name='firstTeamOnScene'] .due")).ToHaveClassAsync(red);
            await Assertions.Expect(console.Locator(".milestones [data-name='firstTeamOnScene'] .due")).ToHaveClassAsync(red);
            await Assertions.Expect(console.Locator(".milestones [data-name='firstTeamOnScene'] .due")).Not.ToHaveClassAsync(amber);
            await Assertions.Expect(leader.Locator("#alarm-banner")).ToContainTextAsync("节点超时");
            await console.ScreenshotAsync("countdown-breached");
            await leader.ScreenshotAsync("countdown-breached-leader");
        }
        finally
        {
            await silo.StopAsync();
            BrowserFixture.TryDelete(silo.DataDirectory);
        }
    }
}
