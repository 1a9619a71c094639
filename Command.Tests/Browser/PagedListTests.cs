using Command.Tests.Support;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>
/// GET /api/incidents answers a page at a time; the pages that list incidents follow its Link header, so a duty
/// officer sees every open incident and a leader counts every one of today's, however many pages they take.
/// </summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class PagedListTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheConsoleAndTheLeaderPageShowEveryIncidentWhenTheListTakesSeveralPages()
    {
        // Two a page: five calls take three pages.
        var silo = await SiloProcess.StartAsync(configuration: new Dictionary<string, string> { ["Incidents__ListPageSize"] = "2" });
        try
        {
            using var api = await CommandApi.SignInAsync(silo, "gx.duty");
            var ids = new List<string>();
            for (int i = 0; i < 5; i++)
            {
                ids.Add((await api.PostJsonAsync("api/incidents", new { channel = 110, type = "dispute", lon = 115.45 + i * 0.002, lat = 36.49, address = "冠县清泉街" })).Id());
            }
            await api.PostJsonAsync($"api/incidents/{ids[1]}/close", new { resolution = "双方调解完毕" });
            var open = ids.Where(id => id != ids[1]).ToList();

            var console = await browser.NewPageAsync();
            await console.OpenConsoleAsync(silo.BaseAddress, "gx.duty");
            foreach (string id in open)
            {
                await Assertions.Expect(console.Locator($"#incident-list tr[data-id='{id}']")).ToHaveCountAsync(1);
            }
            await Assertions.Expect(console.Locator("#incident-list tr[data-id]")).ToHaveCountAsync(open.Count);

            var leader = await browser.NewPageAsync();
            await leader.OpenLeaderAsync(silo.BaseAddress, "gx.leader");
            await Assertions.Expect(leader.Locator("#stats .count")).ToContainTextAsync($"共 {ids.Count} 起");
            await console.Context.CloseAsync();
            await leader.Context.CloseAsync();
        }
        finally
        {
            await silo.DisposeAsync();
            BrowserFixture.TryDelete(silo.DataDirectory);
        }
    }
}
