using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Abstractions.Runtime;
using Command.Silo.Demo;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;

namespace Command.Benchmarks.Load;

/// <summary>
/// The largest load one active silo carries as a centre runs it: on Redis with <c>appendfsync always</c>, over HTTP,
/// duty officers each working a case after another: take the call, dispatch a team, close it. Three journaled writes a
/// case, every one acknowledged only once Redis has it on disk. The number of officers rises level by level; the load
/// the silo carries is the most cases a second at a level where a request still answers within a second at p99.
/// </summary>
public static class CapacityBench
{
    /// <summary>What a duty officer tolerates before a click feels broken.</summary>
    private const double TolerableP99Milliseconds = 1_000;

    public static async Task<IEnumerable<BenchRow>> RunAsync(string server, bool quick, TimeSpan duration, BenchLog log, BenchProgress progress)
    {
        int[] levels = quick ? [1, 4] : [1, 4, 16, 64];
        await using var silo = await BenchSilo.StartAsync(
            new SiloOptions { Storage = StorageKind.Redis, Redis = server, DataDirectory = BenchSilo.NewDataDirectory(), Demo = false },
            log, ownsData: true, settings: new Dictionary<string, string?> { ["Storage:Redis:KeyPrefix"] = $"command-capacity-{Guid.NewGuid():N}:" });
        var teams = BenchTeams.Create(silo.Get<JurisdictionMap>(), levels.Max());
        await BenchTeams.CommissionAsync(silo.Get<IGrainFactory>(), teams);
        using var http = silo.CreateClient(await silo.IssueTokenAsync("bench capacity"), levels.Max());

        var rows = new List<BenchRow>();
        (double Cases, int Officers, Latencies? Requests) carried = (0, 0, null);
        for (int i = 0; i < levels.Length; i++)
        {
            int officers = levels[i];
            var requests = new ConcurrentBag<double>();
            int cases = 0;
            using var stop = new CancellationTokenSource(duration);
            var clock = Stopwatch.StartNew();
            var watch = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    progress.Report((i + Math.Min(1, clock.Elapsed / duration)) / levels.Length, $"{officers} officers, {Volatile.Read(ref cases)} cases");
                    await Task.Delay(250);
                }
            });
            await Task.WhenAll(Enumerable.Range(0, officers).Select(o => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await WorkCaseAsync(http, teams[o], requests);
                    Interlocked.Increment(ref cases);
                }
            })));
            double seconds = clock.Elapsed.TotalSeconds;
            await watch;
            if (cases == 0)
            {
                throw new InvalidOperationException($"No case was worked in {seconds:0.0} s with {officers} officers.");
            }
            var latencies = new Latencies(requests);
            double rate = cases / seconds;
            if (latencies.P99 <= TolerableP99Milliseconds && rate > carried.Cases)
            {
                carried = (rate, officers, latencies);
            }
            rows.Add(new BenchRow("capacity", $"{officers} duty officers back to back on Redis (appendfsync always): call → dispatch → close",
                $"{BenchFormat.Count(rate)} cases/s ({BenchFormat.Count(3 * rate)} journaled requests/s) · request {latencies.Summary}")
            {
                Values = new Dictionary<string, double>(latencies.Values("requestMs")) { ["officers"] = officers, ["casesPerSecond"] = rate },
            });
        }
        rows.Add(new BenchRow("capacity", "largest load one active silo carried with request p99 ≤ 1 s",
            carried.Requests is null ? "none: every level's p99 was above 1 s"
                : $"{BenchFormat.Count(carried.Cases)} cases/s, {BenchFormat.Count(3 * carried.Cases)} journaled requests/s ({carried.Officers} officers; p99 {BenchFormat.Ms(carried.Requests.P99)})")
        {
            Values = new Dictionary<string, double> { ["casesPerSecond"] = carried.Cases, ["officers"] = carried.Officers },
        });
        return rows;
    }

    /// <summary>One case: the call at the team's own place, the team sent to it, the case closed (which frees the team).</summary>
    private static async Task WorkCaseAsync(HttpClient http, DemoTeam team, ConcurrentBag<double> requests)
    {
        var created = await TimedAsync(http, "/api/incidents", new
        {
            channel = 110, type = "dispute", lon = team.Lon, lat = team.Lat, address = "压测：容量", description = "压测：邻里纠纷",
        }, HttpStatusCode.Created, requests);
        string id = created.RootElement.GetProperty("id").GetString()!;
        created.Dispose();
        (await TimedAsync(http, $"/api/incidents/{id}/assignments", new { teamId = team.Id }, HttpStatusCode.OK, requests)).Dispose();
        (await TimedAsync(http, $"/api/incidents/{id}/close", new { resolution = "压测：已调解", confirmNoArrival = true, noArrivalReason = "压测：警力未到场即办结" }, HttpStatusCode.OK, requests)).Dispose();
    }

    private static async Task<JsonDocument> TimedAsync(HttpClient http, string path, object body, HttpStatusCode expected, ConcurrentBag<double> requests)
    {
        long start = Stopwatch.GetTimestamp();
        using var answer = await http.PostAsJsonAsync(path, body);
        var document = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync());
        requests.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        if (answer.StatusCode != expected)
        {
            document.Dispose();
            throw new InvalidOperationException($"POST {path} answered {(int)answer.StatusCode}, not {(int)expected}.");
        }
        return document;
    }
}
