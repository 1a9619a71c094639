using Command.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Command.Tests.Browser;

/// <summary>
/// The console of a centre that runs an active and a standby silo on one Redis, behind a proxy as nginx would be:
/// when the active silo is killed, the open console reconnects by itself to the silo that took over, still signed in.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class FailoverTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task TheOpenConsoleFollowsTheStandbyWhenTheActiveSiloIsKilled()
    {
        await using var redis = RedisServer.StartPersistent();
        var configuration = new Dictionary<string, string> { ["Storage__Redis__KeyPrefix"] = "console-failover:" };
        string[] args = ["--storage", "redis", "--redis", redis.Endpoint];
        await using var active = await SiloProcess.StartAsync(configuration: configuration, args: args);
        await using var standby = await SiloProcess.StartAsync(configuration: configuration, args: args, standby: true);
        await using var proxy = new FailoverProxy(() => active.Port, () => standby.Port);
        await Eventually.True(() => proxy.Serving == active.Port, "the proxy to find the active silo");

        var standbyPage = await browser.NewPageAsync();
        await standbyPage.GotoAsync(standby.BaseAddress.ToString());
        await Assertions.Expect(standbyPage.Locator("h1")).ToHaveTextAsync("本机为热备服务器");
        await standbyPage.ScreenshotAsync("standby-page");

        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(proxy.BaseAddress);
        await active.StopAsync(); // kill -9
        await page.WaitForFunctionAsync("() => window.__command.connectionState() === 'reconnecting'");

        await page.WaitForFunctionAsync("() => window.__command.connectionState() === 'connected'", null, new() { Timeout = 30_000 });
        Assert.Equal(standby.Port, proxy.Serving);
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("实时连接正常");
        // Signed in with the cookie the old active silo issued: the keys and the credential are in Redis.
        using var api = await standby.SignInAsync("lc.duty");
        var team = await api.TakeAvailableTeamAsync();
        var incident = await api.CreateIncidentNearAsync(team, "主备切换后接到的报警");
        await Assertions.Expect(page.Locator("#incident-list")).ToContainTextAsync(incident.Text("number"));
        await page.ScreenshotAsync("console-after-failover");
        output.WriteLine($"The console reconnected through the proxy to the standby on port {standby.Port} and listed {incident.Text("number")}.");
    }
}
