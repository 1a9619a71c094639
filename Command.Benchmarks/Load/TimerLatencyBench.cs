using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Command.Abstractions.Geo;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Escalation;
using Command.Silo.Hosting;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;

namespace Command.Benchmarks.Load;

/// <summary>
/// Opens N golden windows at once in an in-process silo and measures how late each first milestone's breach was
/// journaled after its due time: reminder dispatch, the wait for the grain's turn and the breach handling
/// (which escalates, so it also writes and registers more). Uses the real clock and the chosen store.
/// Runs alone as <c>bench timers</c>, and as one part of <c>bench</c>.
/// </summary>
public static class TimerLatencyBench
{
    public const double GoalP99Ms = 250;

    /// <summary><c>bench timers [--windows N] [--storage sqlite|memory|redis] [--results DIR]</c>: its own table and files.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int windows = IntOption(args, "--windows", 1000);
        var storage = Enum.Parse<StorageKind>(StringOption(args, "--storage", "sqlite"), ignoreCase: true);
        string results = StringOption(args, "--results", "bench-results");
        var log = new BenchLog();
        System.Console.WriteLine($"Opening {windows} golden windows on {storage}, first milestone due {DueSeconds(windows):0} s after each opens…");
        var lateness = await MeasureAsync(windows, storage, log, BenchProgress.ForStandardError());
        string store = storage.ToString().ToLowerInvariant();
        var row = new
        {
            benchmark = "timer lateness",
            storage = store,
            windows,
            p50Ms = Math.Round(lateness.P50, 1),
            p99Ms = Math.Round(lateness.P99, 1),
            maxMs = Math.Round(lateness.Max, 1),
            goalP99Ms = GoalP99Ms,
            machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            at = DateTimeOffset.UtcNow,
        };
        var table = new StringBuilder()
            .AppendLine("| benchmark | store | windows | p50 | p99 | max | goal |")
            .AppendLine("|---|---|---|---|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| timer lateness (due → breach journaled) | {store} | {windows} | {row.p50Ms} ms | {row.p99Ms} ms | {row.maxMs} ms | p99 ≤ 250 ms |")
            .ToString();
        System.Console.WriteLine();
        System.Console.Write(table);
        foreach (string entry in log.Summary())
        {
            System.Console.Error.WriteLine(entry);
        }
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, $"timers-{store}.json"), JsonSerializer.Serialize(row, new JsonSerializerOptions { WriteIndented = true }));
        await File.WriteAllTextAsync(Path.Combine(results, $"timers-{store}.md"), table);
        return 0;
    }

    /// <summary>The part of <c>bench</c>: one row, judged against the goal.</summary>
    public static async Task<BenchRow> RowAsync(int windows, BenchLog log, BenchProgress progress)
    {
        var lateness = await MeasureAsync(windows, StorageKind.Sqlite, log, progress);
        return new BenchRow("timers", $"timer lateness, due → breach journaled, {BenchFormat.Count(windows)} open golden windows on sqlite", lateness.Summary)
        {
            Values = lateness.Values(),
            Goal = $"p99 ≤ {GoalP99Ms:0} ms",
            Met = lateness.P99 <= GoalP99Ms,
            Broken = lateness.Count < windows ? $"{windows - lateness.Count} windows never breached" : null,
        };
    }

    /// <summary>Lateness of each window's first breach, in milliseconds.</summary>
    public static async Task<Latencies> MeasureAsync(int windows, StorageKind storage, BenchLog log, BenchProgress progress)
    {
        double dueSeconds = DueSeconds(windows);
        var rules = JsonNode.Parse(RulesLoader.BuiltInJson())!.AsObject();
        rules["milestones"] = new JsonArray(new JsonObject
        {
            ["name"] = "firstTeamOnScene", ["title"] = "首支处置力量到场", ["dueMinutes"] = dueSeconds / 60, ["metBy"] = "teamOnScene",
        });
        rules["milestoneOverrides"] = new JsonArray();
        rules["dueWarningMinutes"] = 0;

        var options = new SiloOptions { Storage = storage, DataDirectory = BenchSilo.NewDataDirectory(), Demo = false };
        await using var silo = await BenchSilo.StartAsync(options, log, ownsData: true, RulesLoader.Parse(rules.ToJsonString(), "bench rules"));
        var intake = silo.Get<IncidentIntake>();
        var grains = silo.Get<IGrainFactory>();
        var villages = silo.Get<JurisdictionMap>().All.Where(j => j.Level == JurisdictionLevel.Village).ToList();
        var points = Enumerable.Range(0, windows).Select(i =>
        {
            var p = villages[i % villages.Count].Boundary.InteriorPoint;
            return new GeoPoint(p.X, p.Y);
        }).ToList();

        progress.Report(0, $"opening {windows} golden windows");
        var ids = new string[windows];
        await Parallel.ForEachAsync(Enumerable.Range(0, windows), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var call = new IncidentCall(IncidentChannel.Police, IncidentType.MassIncident, 2, points[i], null, "压测", null, 300, "labourDispute");
            ids[i] = (await intake.ReceiveAsync(call, "bench")).Id;
        });

        var lateness = new List<double>(windows);
        var deadline = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            while (true)
            {
                var timeline = await grains.GetGrain<IIncidentGrain>(id).GetTimeline();
                var breach = timeline.FirstOrDefault(e => e.Kind == "milestoneBreached");
                if (breach is not null)
                {
                    var due = breach.Data.GetProperty("dueAt").GetDateTimeOffset();
                    lateness.Add((breach.At - due).TotalMilliseconds);
                    progress.Report((double)lateness.Count / windows, $"{lateness.Count} of {windows} windows breached");
                    break;
                }
                if (deadline.Elapsed > TimeSpan.FromSeconds(dueSeconds * 3 + 120))
                {
                    throw new TimeoutException($"Incident {id} never breached.");
                }
                await Task.Delay(200);
            }
        }
        return new Latencies(lateness);
    }

    /// <summary>Long enough after the last window opens that every one is open before the first falls due.</summary>
    private static double DueSeconds(int windows) => Math.Max(5, windows / 100.0);

    private static string StringOption(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        int.TryParse(StringOption(args, name, ""), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}
