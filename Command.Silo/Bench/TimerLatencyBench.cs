using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Command.Abstractions.Geo;
using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;
using Command.Silo.Escalation;
using Command.Silo.Hosting;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;

namespace Command.Silo.Bench;

/// <summary>
/// Opens N golden windows at once in an in-process silo and measures how late each first milestone's breach was
/// journaled after its due time: reminder dispatch, the wait for the grain's turn and the breach handling
/// (which escalates, so it also writes and registers more). Uses the real clock and the chosen store.
/// </summary>
public static class TimerLatencyBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int windows = IntOption(args, "--windows", 1000);
        var storage = Enum.Parse<StorageKind>(StringOption(args, "--storage", "sqlite"), ignoreCase: true);
        string results = StringOption(args, "--results", "bench-results");
        double dueSeconds = Math.Max(5, windows / 100.0);
        string data = Path.Combine(Path.GetTempPath(), "command-bench-" + Guid.NewGuid().ToString("N"));

        var rules = JsonNode.Parse(RulesLoader.BuiltInJson())!.AsObject();
        rules["milestones"] = new JsonArray(new JsonObject
        {
            ["name"] = "firstTeamOnScene", ["title"] = "首支处置力量到场", ["dueMinutes"] = dueSeconds / 60, ["metBy"] = "teamOnScene",
        });
        rules["milestoneOverrides"] = new JsonArray();
        rules["dueWarningMinutes"] = 0;

        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSilo(new SiloOptions { Storage = storage, DataDirectory = data, Demo = false }, RulesLoader.Parse(rules.ToJsonString(), "bench rules"));
        await using var app = builder.Build();
        app.MapSilo();
        await app.StartAsync();
        try
        {
            var intake = app.Services.GetRequiredService<IncidentIntake>();
            var map = app.Services.GetRequiredService<JurisdictionMap>();
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            var villages = map.All.Where(j => j.Level == Abstractions.Jurisdictions.JurisdictionLevel.Village).ToList();
            var random = new Random(7);
            var points = Enumerable.Range(0, windows).Select(i =>
            {
                var village = villages[i % villages.Count];
                var p = village.Boundary.InteriorPoint;
                return new GeoPoint(p.X, p.Y);
            }).ToList();

            System.Console.WriteLine($"Opening {windows} golden windows on {storage}, first milestone due {dueSeconds:0} s after each opens…");
            var opening = Stopwatch.StartNew();
            var ids = new string[windows];
            await Parallel.ForEachAsync(Enumerable.Range(0, windows), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            {
                var call = new IncidentCall(IncidentChannel.Police, IncidentType.MassIncident, 2, points[i], null, "压测", null, 300, "labourDispute");
                ids[i] = (await intake.ReceiveAsync(call, "bench")).Id;
            });
            System.Console.WriteLine($"Opened in {opening.Elapsed.TotalSeconds:0.0} s; waiting for every window to breach…");

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
                        break;
                    }
                    if (deadline.Elapsed > TimeSpan.FromSeconds(dueSeconds * 3 + 120))
                    {
                        throw new TimeoutException($"Incident {id} never breached.");
                    }
                    await Task.Delay(200);
                }
            }
            lateness.Sort();
            double P(double q) => lateness[Math.Min(lateness.Count - 1, (int)Math.Ceiling(q * lateness.Count) - 1)];
            var row = new
            {
                benchmark = "timer lateness",
                storage = storage.ToString().ToLowerInvariant(),
                windows,
                p50Ms = Math.Round(P(0.50), 1),
                p99Ms = Math.Round(P(0.99), 1),
                maxMs = Math.Round(lateness[^1], 1),
                goalP99Ms = 250,
                machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
                at = DateTimeOffset.UtcNow,
            };
            var table = new StringBuilder()
                .AppendLine("| benchmark | store | windows | p50 | p99 | max | goal |")
                .AppendLine("|---|---|---|---|---|---|---|")
                .AppendLine(CultureInfo.InvariantCulture, $"| timer lateness (due → breach journaled) | {row.storage} | {windows} | {row.p50Ms} ms | {row.p99Ms} ms | {row.maxMs} ms | p99 ≤ 250 ms |")
                .ToString();
            System.Console.WriteLine();
            System.Console.Write(table);
            Directory.CreateDirectory(results);
            await File.WriteAllTextAsync(Path.Combine(results, $"timers-{row.storage}.json"), JsonSerializer.Serialize(row, new JsonSerializerOptions { WriteIndented = true }));
            await File.WriteAllTextAsync(Path.Combine(results, $"timers-{row.storage}.md"), table);
            return 0;
        }
        finally
        {
            await app.StopAsync();
            if (Directory.Exists(data))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static string StringOption(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        int.TryParse(StringOption(args, name, ""), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}
