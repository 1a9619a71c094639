using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Command.Silo.Incidents;
using Command.Silo.Patrols;

namespace Command.Benchmarks.Load;

/// <summary>
/// How long ranking the five quickest teams for an incident takes with every team in the city moving: in process
/// (<see cref="TeamRegistry.Recommend"/>) and as the console asks, <c>GET /api/incidents/{id}/recommendations</c>, one
/// request at a time. The goal is judged on the HTTP figure, which includes the other.
/// </summary>
public static class RecommendationBench
{
    public const double GoalP99Ms = 5;

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchSilo silo, HttpClient http, IReadOnlyList<string> incidentIds, int teams, int samples,
        BenchProgress progress)
    {
        var registry = silo.Get<TeamRegistry>();
        var incidents = incidentIds.Select(id => silo.Get<IncidentCatalog>().Find(id) ?? throw new InvalidOperationException($"Incident {id} is not listed.")).ToList();
        int empty = 0;
        var inProcess = new List<double>(samples);
        for (int i = -samples / 10; i < samples; i++)
        {
            var incident = incidents[(i + samples) % incidents.Count];
            long start = Stopwatch.GetTimestamp();
            var ranked = registry.Recommend(incident.Location.Lon, incident.Location.Lat, incident.Type, 5);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i >= 0)
            {
                inProcess.Add(ms);
                empty += ranked.Count == 0 ? 1 : 0;
            }
        }
        progress.Report(0.2, "over HTTP");

        var overHttp = new List<double>(samples);
        for (int i = -samples / 10; i < samples; i++)
        {
            string id = incidentIds[(i + samples) % incidentIds.Count];
            long start = Stopwatch.GetTimestamp();
            using var answer = await http.GetAsync($"/api/incidents/{id}/recommendations?limit=5");
            string body = await answer.Content.ReadAsStringAsync();
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET recommendations answered {(int)answer.StatusCode}: {body}");
            }
            if (i >= 0)
            {
                overHttp.Add(ms);
                empty += JsonDocument.Parse(body).RootElement.GetArrayLength() == 0 ? 1 : 0;
            }
            progress.Report(0.2 + 0.8 * (i + 1) / samples, "over HTTP");
        }
        string? broken = empty > 0 ? $"{empty} rankings came back empty with {BenchFormat.Count(teams)} available teams" : null;
        var local = new Latencies(inProcess);
        var remote = new Latencies(overHttp);
        return
        [
            new BenchRow("recommend", $"recommendations in process ({BenchFormat.Count(teams)} teams, top 5)", local.Summary)
            {
                Values = local.Values(),
                Broken = broken,
            },
            new BenchRow("recommend", "recommendations over HTTP (one request at a time)", remote.Summary)
            {
                Values = remote.Values(),
                Goal = $"p99 ≤ {GoalP99Ms:0} ms",
                Met = remote.P99 <= GoalP99Ms,
                Broken = broken,
            },
        ];
    }
}
