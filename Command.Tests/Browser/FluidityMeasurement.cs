using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Command.Tests.Browser;

/// <summary>
/// How the console's map copes with 2,000 teams each reporting once a second. The bench page (/bench.html) drives
/// the console's own code with synthetic teams, one batch of all 2,000 moves a second (the hub sends five smaller
/// batches; one big one is the harder case). The figures are printed and written beside the screenshots; nothing is
/// asserted about them: timings on a shared two-core machine with a CPU-rendered browser are a measurement, not a
/// pass mark.
/// </summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class FluidityMeasurement(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly (string Name, string Query)[] scenarios =
    [
        // The whole city in view: what a duty officer watches most of the time.
        ("city", "teams=2000&seconds=6&batches=1"),
        // The same while the officer drags the map: every frame redraws every team, the worst case.
        ("city-while-panning", "teams=2000&seconds=6&batches=1&pan=1"),
        // Zoomed in to streets, where each move is a few pixels and icons glide between fixes.
        ("streets", "teams=2000&seconds=6&batches=1&zoom=14"),
    ];

    [Fact]
    public async Task TwoThousandTeamsMovingOnceASecondAreMeasured()
    {
        var all = new JsonObject();
        foreach (var (name, query) in scenarios)
        {
            var page = await browser.NewPageAsync();
            await page.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, "bench.html?" + query), "lc.duty");
            await page.WaitForFunctionAsync("() => window.__bench", null, new() { Timeout = 60_000 });
            var bench = JsonNode.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.__bench)"))!;
            Assert.Null(bench["error"]);
            var figures = bench["result"]!;
            Assert.Equal(2000, (int)figures["drawnTeams"]!);
            output.WriteLine($"{name}: {figures["framesPerSecond"]} frames/s, applying a batch of 2,000 moves {figures["applyBatchMsMedian"]} ms (median), " +
                $"map frame {figures["mapRenderMsMedian"]} ms median / {figures["mapRenderMsP95"]} ms p95");
            all[name] = figures.DeepClone();
            await page.ScreenshotAsync("bench-2000-teams-" + name);
            await page.Context.CloseAsync();
        }
        string text = all.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        output.WriteLine(text);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotDirectory, "fluidity-2000-teams.json"), text);
    }
}
