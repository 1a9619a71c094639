using System.Text.Json;
using Command.Benchmarks.Load;

namespace Command.Tests.Bench;

/// <summary>
/// The bench's code path at a tiny size, so that a change which breaks a part of it (an exception, nothing getting
/// through, a console that never hears of an incident) fails the tests and not only CI's bench run. Nothing here
/// asserts a time or a rate: this machine is shared, and the bench itself judges those against its goals.
/// </summary>
public sealed class BenchTests
{
    [Fact]
    public async Task EveryPartRunsAtATinySizeAndWritesItsTable()
    {
        string results = Path.Combine(Path.GetTempPath(), "command-bench-test-" + Guid.NewGuid().ToString("N"));
        var options = BenchOptions.Parse(["--quick", "--teams", "60", "--clients", "2", "--movers", "20", "--incidents", "120", "--windows", "3", "--cases", "2000",
            "--seconds", "1", "--results", results]) with { FanOutIncidents = 3, Broadcasts = 20, ClosedIncidents = 10, RecommendSamples = 10, RedisRequests = 500 };
        try
        {
            var run = new BenchRun(options, new BenchProgress(TextWriter.Null, interactive: false));
            var report = await run.RunAsync();
            await report.WriteAsync(results, run.Log);

            Assert.False(report.IsBroken, string.Join("\n", report.Rows.Where(r => r.Broken is not null).Select(r => $"{r.Measure}: {r.Broken}")));
            Assert.Equal(BenchOptions.Parts.Order(), report.Rows.Select(r => r.Part).Distinct().Order());
            Assert.All(report.Rows, row => Assert.All(row.Values, value => Assert.True(double.IsFinite(value.Value), $"{row.Measure}: {value.Key} is {value.Value}")));
            Assert.All(report.Rows.Where(r => r.Goal is not null), row => Assert.NotNull(row.Met));
            // The fan-out row carries a sample per incident and console: every one arrived.
            var fanOut = report.Rows.Single(r => r.Measure.StartsWith("fan-out latency", StringComparison.Ordinal));
            Assert.Equal(options.FanOutIncidents * options.Clients, fanOut.Values["samples"]);
            // The tests install redis-server, so the two-silo cluster runs rather than reporting itself skipped.
            Assert.Equal(2, report.Rows.Count(r => r.Measure.StartsWith("cross-silo grain call", StringComparison.Ordinal) && r.Values.ContainsKey("crossSiloCallNs")));

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(results, "bench-quick.json")));
            Assert.Equal(report.Rows.Count, json.RootElement.GetProperty("rows").GetArrayLength());
            Assert.False(json.RootElement.GetProperty("broken").GetBoolean());
            string table = await File.ReadAllTextAsync(Path.Combine(results, "bench-quick.md"));
            Assert.All(report.Rows, row => Assert.Contains(row.Measure, table, StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(results))
            {
                Directory.Delete(results, recursive: true);
            }
        }
    }

    [Fact]
    public async Task TheStatisticsPartSeedsAYearAndTimesEveryQuery()
    {
        var options = BenchOptions.Parse(["--quick", "--only", "statistics", "--cases", "3000"]);
        var run = new BenchRun(options, new BenchProgress(TextWriter.Null, interactive: false));
        var report = await run.RunAsync();

        Assert.False(report.IsBroken, string.Join("\n", report.Rows.Where(r => r.Broken is not null).Select(r => $"{r.Measure}: {r.Broken}")));
        var queries = report.Rows.Where(r => r.Values.ContainsKey("medianMs")).ToList();
        Assert.Equal(4, queries.Count);
        // The city counts every seeded case of its year; the county, some of them.
        Assert.Equal(3000, queries[0].Values["cases"]);
        Assert.Equal(3000, queries[1].Values["cases"]);
        Assert.InRange(queries[2].Values["cases"], 1, 2999);
        Assert.NotNull(queries[0].Met);
        Assert.Contains(report.Rows, r => r.Values.ContainsKey("bytesPerCase"));
    }

    [Fact]
    public async Task TheTrackPartReadsBackWhatItOffered()
    {
        var options = BenchOptions.Parse(["--quick", "--only", "track", "--seconds", "1"]);
        var run = new BenchRun(options, new BenchProgress(TextWriter.Null, interactive: false));
        var report = await run.RunAsync();

        var row = Assert.Single(report.Rows);
        Assert.Null(row.Broken);
        Assert.True(row.Values["offered"] > 0);
        // What the track log holds is counted, not assumed: kept and lost add up to what was offered.
        Assert.Equal(row.Values["offered"], row.Values["kept"] + row.Values["lost"]);
        Assert.NotNull(row.Met);
    }

    [Fact]
    public void QuickShrinksEverySizeAndOptionsOverrideIt()
    {
        var quick = BenchOptions.Parse(["--quick", "--teams", "300", "--only", "ingest,fanout"]);

        Assert.True(quick.Quick);
        Assert.Equal((300, 10, 300), (quick.Teams, quick.Clients, quick.Movers));
        Assert.True(quick.Runs("fanout"));
        Assert.False(quick.Runs("recovery"));
        Assert.Equal((10_000, 50, 5_000, 100_000, 1_000), (BenchOptions.Parse([]).Teams, BenchOptions.Parse([]).Clients,
            BenchOptions.Parse([]).Movers, BenchOptions.Parse([]).JournaledIncidents, BenchOptions.Parse([]).Windows));
    }

    [Theory]
    [InlineData(new[] { "--tems", "5" }, "--tems")]
    [InlineData(new[] { "--teams", "-5" }, "--teams")]
    [InlineData(new[] { "--only", "ingest,speed" }, "speed")]
    [InlineData(new[] { "--teams", "10", "--movers", "20" }, "--movers")]
    public void AMistakeIsRefusedWithTheOptionNamed(string[] args, string named)
    {
        var refusal = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(args));
        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }
}
