using Microsoft.Playwright;
using Xunit.Abstractions;

using Command.Tests.Support;

namespace Command.Tests.Browser;

[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class ReconnectTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task ConsoleReconnectsAfterSiloRestartAndShowsWhatChangedMeanwhile()
    {
        string data = Directory.CreateTempSubdirectory("command-restart-").FullName;
        try
        {
            int port;
            string number;
            var page = await browser.NewPageAsync();
            await using (var first = await SiloProcess.StartAsync(data))
            {
                port = first.Port;
                await page.OpenConsoleAsync(first.BaseAddress);
                await first.StopAsync();
            }
            await page.WaitForFunctionAsync("() => window.__command.connectionState() === 'reconnecting'");
            await Assertions.Expect(page.Locator("#connection")).ToContainTextAsync("正在重连");
            await page.ScreenshotAsync("console-disconnected");

            // While the console is cut off, the same store takes a call through another silo: no hub event about it
            // can ever reach the page, so only the re-sync after reconnecting can show it.
            await using (var meanwhile = await SiloProcess.StartAsync(data))
            {
                using var http = await meanwhile.SignInAsync("lc.duty");
                var team = await http.TakeAvailableTeamAsync();
                var incident = await http.CreateIncidentNearAsync(team, "断线期间接到的报警");
                number = incident.Text("number");
                await meanwhile.StopAsync();
            }

            await using var again = await SiloProcess.StartAsync(data, port);
            await page.WaitForFunctionAsync("() => window.__command.connectionState() === 'connected'", null, new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("实时连接正常");
            await Assertions.Expect(page.Locator("#incident-list")).ToContainTextAsync(number);
            using var api = await again.SignInAsync("lc.duty");
            int teams = (await api.GetJsonAsync("api/teams")).GetArrayLength();
            Assert.Equal(teams, await page.EvaluateAsync<int>("() => window.__command.teamCount()"));
            await page.ScreenshotAsync("console-reconnected");
            output.WriteLine($"Reconnected to the restarted silo on port {port}; {number} appeared after the re-sync.");
        }
        finally
        {
            BrowserFixture.TryDelete(data);
        }
    }
}
