using Microsoft.Playwright;

using Command.Tests.Support;

namespace Command.Tests.Browser;

[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class StaleTeamTests(BrowserFixture browser)
{
    [Fact]
    public async Task TeamThatStopsReportingTurnsGreyAndComesBackWithItsNextFix()
    {
        // Without --simulate the demo teams report once, at start; with a short StaleAfter they all go quiet quickly.
        await using var silo = await SiloProcess.StartAsync(configuration: new Dictionary<string, string> { ["Dispatch__StaleAfter"] = "00:00:04" });
        try
        {
            using var http = await silo.SignInAsync("lc.duty");
            var team = (await http.GetJsonAsync("api/teams"))[0];
            var page = await browser.NewPageAsync();
            await page.OpenConsoleAsync(silo.BaseAddress);

            await page.WaitForFunctionAsync("id => window.__command.teamStyle(id).stale", team.Id());
            Assert.Equal("#9e9e9e", await page.EvaluateAsync<string>("id => window.__command.teamStyle(id).colour", team.Id()));
            await page.ClickAsync("[data-tab='team-board']");
            await Assertions.Expect(page.Locator($"#team-board tr[data-id='{team.Id()}'] .team-status")).ToContainTextAsync("位置过时");
            await page.ScreenshotAsync("stale-teams");

            // A fix is fresh for only StaleAfter (4 s here); like a phone, keep reporting until the page shows it,
            // so a slow machine cannot miss the window between one fix and the next stale mark.
            var position = team.GetProperty("position");
            using var reporting = new CancellationTokenSource();
            var phone = Task.Run(async () =>
            {
                for (int i = 1; !reporting.IsCancellationRequested; i++)
                {
                    await http.PostJsonAsync($"api/teams/{team.Id()}/positions",
                        new { lon = position.GetProperty("lon").GetDouble() + 0.001 * i, lat = position.GetProperty("lat").GetDouble() });
                    await Task.Delay(1000);
                }
            });
            await page.WaitForFunctionAsync("id => !window.__command.teamStyle(id).stale", team.Id());
            await Assertions.Expect(page.Locator($"#team-board tr[data-id='{team.Id()}'] .team-status")).ToHaveTextAsync("待命");
            await reporting.CancelAsync();
            await phone;
        }
        finally
        {
            await silo.StopAsync();
            BrowserFixture.TryDelete(silo.DataDirectory);
        }
    }
}
