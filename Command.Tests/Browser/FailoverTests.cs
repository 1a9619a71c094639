using Command.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Command.Tests.Browser;

/// <summary>
/// The console of a centre that runs two silos of one cluster on one Redis, behind a proxy as nginx would be: when the
/// silo the console is connected to is killed, the open console reconnects by itself to the other, still signed in.
/// </summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class FailoverTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task TheOpenConsoleMovesToAnotherSiloWhenItsSiloIsKilled()
    {
        await using var redis = RedisServer.StartPersistent();
        var configuration = new Dictionary<string, string> { ["Storage__Redis__KeyPrefix"] = "console-failover:" };
        string[] args = ["--storage", "redis", "--redis", redis.Endpoint];
        await using var first = await SiloProcess.StartAsync(configuration: configuration, args: args);
        await using var second = await SiloProcess.StartAsync(configuration: configuration, args: args);
        await using var proxy = new FailoverProxy(() => first.Port, () => second.Port);
        await Eventually.True(() => proxy.Serving == first.Port, "the proxy to route to the first silo");

        var page = await browser.NewPageAsync();
        await page.OpenConsoleAsync(proxy.BaseAddress);
        await first.StopAsync(); // kill -9
        await page.WaitForFunctionAsync("() => window.__command.connectionState() === 'reconnecting'");

        await page.WaitForFunctionAsync("() => window.__command.connectionState() === 'connected'", null, new() { Timeout = 60_000 });
        Assert.Equal(second.Port, proxy.Serving);
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("实时连接正常");
        // Signed in with the cookie the killed silo issued: the keys and the credential are in Redis.
        using var api = await second.SignInAsync("lc.duty");
        var team = await api.TakeAvailableTeamAsync();
        var incident = await api.CreateIncidentNearAsync(team, "切换服务器后接到的报警");
        await Assertions.Expect(page.Locator("#incident-list")).ToContainTextAsync(incident.Text("number"));
        await page.ScreenshotAsync("console-after-failover");
        output.WriteLine($"The console reconnected through the proxy to the silo on port {second.Port} and listed {incident.Text("number")}.");
    }
}
