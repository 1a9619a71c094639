using System.Text.Json;
using Microsoft.Playwright;

namespace Command.Tests.Browser;

/// <summary>统计研判与考核 at /stats: a county leader's charts and scorecard show the server's own figures for the period,
/// a new case shows on the next query, and the printed 考核表 is the tables and charts without the page's controls.</summary>
[Collection(BrowserFixture.Collection), ClosesItsPages]
public sealed class StatsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task CountyLeaderSeesTheServersFiguresAsChartsAndPrintsTheScorecard()
    {
        var gx = await browser.Silo.SignInAsync("gx.duty");
        foreach (var (channel, type, lon, lat) in new[] { (110, "publicOrder", 115.45, 36.49), (119, "fire", 115.451, 36.491), (110, "dispute", 115.5355, 36.4188) })
        {
            await gx.PostJsonAsync("api/incidents", new { channel, type, lon, lat, address = "统计页测试", description = "统计页测试警情" });
        }

        var page = await browser.NewPageAsync(1366, 900);
        await page.OpenSignedInAsync(new Uri(browser.Silo.BaseAddress, "stats"), "gx.leader");
        await page.WaitForFunctionAsync("() => window.__stats && window.__stats.ready()");
        var from = await page.InputValueAsync("#from");
        var to = await page.InputValueAsync("#to");
        var query = $"jurisdiction=371525&from={from}&to={to}";
        var report = await gx.GetJsonAsync($"api/statistics?{query}");
        var scorecard = await gx.GetJsonAsync($"api/statistics/scorecard?{query}");

        // The pie is the server's count by channel, in its labels (a channel with no case has no slice).
        var byChannel = report.GetProperty("cases").GetProperty("byChannel").EnumerateObject().Where(p => p.Value.GetInt32() > 0).OrderBy(p => int.Parse(p.Name)).ToList();
        Assert.Contains(byChannel, p => p.Name == "119");
        var pie = await SeriesAsync(page, "chart-channel");
        Assert.Equal(byChannel.Select(p => p.Value.GetInt32()), pie[0]);
        var names = await page.EvaluateAsync<string[]>("() => window.__stats.pieNames('chart-channel')");
        Assert.Contains("119 火警", names);

        // The hours are the server's 24 Beijing hours, and the county's townships are compared side by side.
        var byHour = report.GetProperty("cases").GetProperty("byHour").EnumerateArray().Select(x => x.GetInt32()).ToList();
        Assert.Equal(byHour, (await SeriesAsync(page, "chart-hour"))[0]);
        var children = report.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(children.Select(c => c.Text("name")), await page.EvaluateAsync<string[]>("() => window.__stats.categories('chart-children')"));
        Assert.Equal(children.Select(c => c.GetProperty("total").GetInt32()), (await SeriesAsync(page, "chart-children"))[0]);

        // The scorecard: a row per township and the county's 合计, with the server's case counts.
        var rows = page.Locator("#scorecard-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(scorecard.GetProperty("rows").GetArrayLength() + 1);
        var first = scorecard.GetProperty("rows").EnumerateArray().First();
        var row = page.Locator($"#scorecard-table tr[data-jurisdiction='{first.Text("jurisdictionId")}']");
        await Assertions.Expect(row.Locator("th")).ToHaveTextAsync(first.Text("name"));
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync(first.GetProperty("cases").GetInt32().ToString());
        await Assertions.Expect(rows.Last.Locator("th")).ToHaveTextAsync("冠县（合计）");
        await Assertions.Expect(rows.Last.Locator("td").First).ToHaveTextAsync(scorecard.GetProperty("total").GetProperty("cases").GetInt32().ToString());
        Assert.Equal($"/api/statistics/scorecard.csv?{query}", new Uri(new Uri(browser.Silo.BaseAddress, "/"), await page.GetAttributeAsync("#csv", "href")).PathAndQuery);
        await page.ScreenshotAsync("stats-1366", fullPage: true);

        // A case called in now counts on the next query.
        var before = report.GetProperty("cases").GetProperty("total").GetInt32();
        await gx.PostJsonAsync("api/incidents", new { channel = 122, type = "traffic", lon = 115.452, lat = 36.492, address = "统计页测试", description = "两车剐蹭" });
        await page.ClickAsync("#run");
        await page.WaitForFunctionAsync("n => window.__stats.ready() && document.querySelector('#scorecard-table tr.total td').textContent === String(n)", before + 1);
        Assert.Contains("122 交通事故", await page.EvaluateAsync<string[]>("() => window.__stats.pieNames('chart-channel')"));

        // A township picked from the list narrows everything to it.
        await page.SelectOptionAsync("#jurisdiction", "371525-t01");
        await page.ClickAsync("#run");
        await page.WaitForFunctionAsync("() => window.__stats.ready() && document.querySelector('#figures-title').textContent.includes('冠城关街道')");
        Assert.Contains("jurisdiction=371525-t01", page.Url);

        // Printed: the title and period instead of the header bar and the query.
        await page.SelectOptionAsync("#jurisdiction", "371525");
        await page.ClickAsync("#run");
        await page.WaitForFunctionAsync("() => window.__stats.ready() && document.querySelector('#print-heading').textContent.startsWith('冠县')");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".topbar")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#query")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#print-heading")).ToHaveTextAsync("冠县社会治安综合治理考核表");
        await Assertions.Expect(page.Locator("#print-period")).ToContainTextAsync("统计时段");
        // The end is the last day counted: the period ends at the start of the day after the one asked for.
        var lastDay = DateOnly.Parse(to);
        await Assertions.Expect(page.Locator("#print-period")).ToContainTextAsync($"至 {lastDay.Year}年{lastDay.Month}月{lastDay.Day}日");
        await page.ScreenshotAsync("stats-print", fullPage: true);
        var pdf = await page.PdfAsync(new() { Landscape = true, Format = "A4" });
        Assert.True(pdf.Length > 10_000, $"the printed page is {pdf.Length} bytes");
    }

    private static async Task<List<List<int>>> SeriesAsync(IPage page, string chart)
    {
        var json = await page.EvaluateAsync<JsonElement>("id => window.__stats.series(id)", chart);
        return json.EnumerateArray().Select(s => s.GetProperty("data").EnumerateArray()
            .Select(d => d.ValueKind == JsonValueKind.Number ? (int)Math.Round(d.GetDouble()) : -1).ToList()).ToList();
    }
}
