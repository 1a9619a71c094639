using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Incidents;
using Command.Tests.Support;
using Xunit.Abstractions;

namespace Command.Tests.Recovery;

/// <summary>
/// The fault test: a load client keeps receiving calls, dispatching, closing and sending positions while the silo is
/// killed with kill -9 at random moments, ten times. After every restart, every call that was answered 2xx must be
/// there, once, in order; and the dispatch deadlines (durable reminders) must each fire exactly once, across the kills.
/// `.ci/fault` runs it alone and prints the counts; COMMAND_FAULT_REPORT names a file the counts are appended to.
/// </summary>
public sealed class KillDashNineFaultTests(ITestOutputHelper output)
{
    private const int Kills = 10;
    private const int Workers = 4;
    private static readonly string[] Teams = ["f-01", "f-02", "f-03", "f-04", "f-05", "f-06", "f-07", "f-08"];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task EveryAcknowledgedCallSurvivesTenKillsAndEveryDeadlineFiresOnce(string storage)
    {
        string data = Directory.CreateTempSubdirectory("command-fault-").FullName;
        int port = SiloProcess.FreePort();
        // Severity IV calls are overdue for dispatch after 3 s here, so deadlines keep falling due across the kills.
        var environment = new Dictionary<string, string>
        {
            ["Dispatch__DispatchDeadlineMinutes__4"] = "0.05",
            ["Storage__Redis__KeyPrefix"] = $"fault-{Guid.NewGuid():N}:",
        };
        string[] args = storage == "redis" ? ["--storage", "redis", "--redis", RedisServer.Shared.Endpoint, "--no-demo"] : ["--no-demo"];
        var ledger = new Ledger();
        var random = new Random(20261121);

        var silo = await SiloProcess.StartAsync(data, port, environment, args);
        try
        {
            var api = await silo.StaffAsync();
            foreach (var (team, i) in Teams.Select((t, i) => (t, i)))
            {
                (await api.PutAsJsonAsync($"/api/teams/{team}", new
                {
                    callsign = $"故障测试{i + 1}组", mode = "vehicle", leader = "王队长", members = new[] { "王队长", "李警官" },
                    equipment = new[] { "对讲机" }, jurisdictionId = "371525",
                })).EnsureSuccessStatusCode();
                (await api.PostAsJsonAsync($"/api/teams/{team}/positions", new { lon = 115.44 + i * 0.002, lat = 36.48 })).EnsureSuccessStatusCode();
            }

            for (int round = 1; round <= Kills; round++)
            {
                using var load = new CancellationTokenSource();
                var workers = Enumerable.Range(0, Workers).Select(w => RunWorker(api, ledger, new Random(round * 100 + w), load.Token)).ToList();
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(800, 2500)));
                await silo.StopAsync(); // kill -9 while calls are in flight
                load.Cancel();
                await Task.WhenAll(workers);

                silo = await SiloProcess.StartAsync(data, port, environment, args);
                // The token issued before the first kill is still good: sessions and keys are in the store too.
                await VerifyAsync(api, ledger, $"after kill {round}");
            }

            // Every deadline falls due at most 3 s after its call; give the last ones time, then each must have fired once.
            await Task.Delay(TimeSpan.FromSeconds(5));
            int overdue = await VerifyDeadlinesAsync(api, ledger);
            string report = $"{storage}: {Kills} kills; acknowledged {ledger.Incidents.Count} calls, {ledger.Assignments.Count} dispatches, " +
                $"{ledger.Closes.Count} closes, {ledger.Positions} positions; refused or cut off {ledger.Failed}; lost 0; " +
                $"{overdue} dispatch deadlines fired exactly once";
            output.WriteLine(report);
            if (Environment.GetEnvironmentVariable("COMMAND_FAULT_REPORT") is { Length: > 0 } file)
            {
                await File.AppendAllTextAsync(file, report + Environment.NewLine);
            }
            Assert.True(ledger.Incidents.Count >= 100, $"The load was too light to mean anything: {report}");
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task RunWorker(HttpClient api, Ledger ledger, Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                int dice = random.Next(100);
                if (dice < 45)
                {
                    using var response = await api.PostAsJsonAsync("/api/incidents",
                        new { channel = 110, type = "dispute", lon = 115.44 + random.NextDouble() * 0.02, lat = 36.48 + random.NextDouble() * 0.02 }, stop);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var detail = (await response.Content.ReadFromJsonAsync<IncidentDetail>(CommandApp.Json, stop))!;
                        ledger.Incidents[detail.Id] = detail.Number;
                    }
                    else
                    {
                        ledger.Refused();
                    }
                }
                else if (dice < 65 && ledger.Incidents.Keys.OrderBy(_ => random.Next()).FirstOrDefault() is { } incidentId)
                {
                    string team = Teams[random.Next(Teams.Length)];
                    using var response = await api.PostAsJsonAsync($"/api/incidents/{incidentId}/assignments", new { teamId = team }, stop);
                    if (response.IsSuccessStatusCode)
                    {
                        ledger.Assignments[(incidentId, team)] = true;
                    }
                    else
                    {
                        ledger.Refused();
                    }
                }
                else if (dice < 75 && ledger.Assignments.Keys.Select(a => a.IncidentId).Where(id => !ledger.Closes.ContainsKey(id))
                    .OrderBy(_ => random.Next()).FirstOrDefault() is { } assignedId)
                {
                    using var response = await api.PostAsJsonAsync($"/api/incidents/{assignedId}/close", new { resolution = "已处置" }, stop);
                    if (response.IsSuccessStatusCode)
                    {
                        ledger.Closes[assignedId] = true;
                    }
                    else
                    {
                        ledger.Refused();
                    }
                }
                else
                {
                    string team = Teams[random.Next(Teams.Length)];
                    using var response = await api.PostAsJsonAsync($"/api/teams/{team}/positions",
                        new { lon = 115.44 + random.NextDouble() * 0.02, lat = 36.48 + random.NextDouble() * 0.02 }, stop);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref ledger.Positions);
                    }
                    else
                    {
                        ledger.Refused();
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // Cut off by the kill: not acknowledged, so nothing is owed. It may or may not have landed.
                ledger.Refused();
                if (!stop.IsCancellationRequested)
                {
                    await Task.Delay(20, CancellationToken.None);
                }
            }
        }
    }

    private static async Task VerifyAsync(HttpClient api, Ledger ledger, string when)
    {
        var incidents = (await api.GetFromJsonAsync<List<IncidentSummary>>("/api/incidents", CommandApp.Json))!;
        Assert.Equal(incidents.Count, incidents.Select(i => i.Id).Distinct().Count());
        Assert.Equal(incidents.Count, incidents.Select(i => i.Number).Distinct().Count());
        var byId = incidents.ToDictionary(i => i.Id);
        foreach (var (id, number) in ledger.Incidents)
        {
            Assert.True(byId.TryGetValue(id, out var found), $"Acknowledged call {number} ({id}) is missing {when}.");
            Assert.Equal(number, found!.Number);
        }
        foreach (var id in ledger.Closes.Keys)
        {
            Assert.True(byId[id].Status == IncidentStatus.Closed, $"Acknowledged close of {id} is missing {when}.");
        }
        foreach (var group in ledger.Assignments.Keys.GroupBy(a => a.IncidentId))
        {
            var timeline = (await api.GetFromJsonAsync<List<TimelineEntry>>($"/api/incidents/{group.Key}/timeline", CommandApp.Json))!;
            Assert.Equal(Enumerable.Range(1, timeline.Count).Select(i => (long)i), timeline.Select(e => e.Seq));
            var assigned = timeline.Where(e => e.Kind == "teamAssigned").Select(e => e.Data.GetProperty("teamId").GetString()).ToList();
            Assert.Equal(assigned.Count, assigned.Distinct().Count());
            foreach (var (_, team) in group)
            {
                Assert.True(assigned.Contains(team), $"Acknowledged dispatch of {team} to {group.Key} is missing {when}.");
            }
            Assert.True(timeline.FindIndex(e => e.Kind == "received") == 0, "A timeline starts with the call.");
        }
    }

    /// <summary>Every call nobody was sent to is overdue exactly once; none is overdue twice, however many kills it saw.</summary>
    private static async Task<int> VerifyDeadlinesAsync(HttpClient api, Ledger ledger)
    {
        int fired = 0;
        foreach (var id in ledger.Incidents.Keys)
        {
            var timeline = (await api.GetFromJsonAsync<List<TimelineEntry>>($"/api/incidents/{id}/timeline", CommandApp.Json))!;
            int overdue = timeline.Count(e => e.Kind == "dispatchOverdue");
            Assert.True(overdue <= 1, $"The dispatch deadline of {id} fired {overdue} times.");
            var assignedAt = timeline.FirstOrDefault(e => e.Kind == "teamAssigned")?.At;
            var due = timeline[0].At.AddSeconds(3);
            if (assignedAt is null || assignedAt > due)
            {
                Assert.True(overdue == 1, $"The dispatch deadline of {id} (due {due:O}) never fired.");
                fired++;
            }
        }
        return fired;
    }

    private sealed class Ledger
    {
        public readonly ConcurrentDictionary<string, string> Incidents = new();
        public readonly ConcurrentDictionary<(string IncidentId, string TeamId), bool> Assignments = new();
        public readonly ConcurrentDictionary<string, bool> Closes = new();
        public int Positions;
        private int failed;

        public int Failed => failed;

        public void Refused() => Interlocked.Increment(ref failed);
    }
}
