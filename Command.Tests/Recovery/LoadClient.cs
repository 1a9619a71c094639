using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Incidents;
using Command.Tests.Support;

namespace Command.Tests.Recovery;

/// <summary>
/// The fault tests' load: workers that receive calls, dispatch teams, close incidents and send positions as fast as
/// the silo answers, keeping a ledger of every call answered 2xx. Whatever happens to the silo or its store, every
/// acknowledged call must be found afterwards (<see cref="VerifyAsync"/>), once and in order.
/// </summary>
public sealed class LoadClient
{
    public static readonly string[] Teams = ["f-01", "f-02", "f-03", "f-04", "f-05", "f-06", "f-07", "f-08"];

    private readonly ConcurrentDictionary<string, string> incidents = new();
    private readonly ConcurrentDictionary<(string IncidentId, string TeamId), bool> assignments = new();
    private readonly ConcurrentDictionary<string, bool> closes = new();
    private int positions;
    private int failed;
    private int unavailable;
    private int faults;

    public int Incidents => incidents.Count;

    public IReadOnlyCollection<string> IncidentIds => [.. incidents.Keys];

    public int Assignments => assignments.Count;

    public int Closes => closes.Count;

    public int Positions => positions;

    /// <summary>Calls not acknowledged: refused, or cut off with the connection.</summary>
    public int Failed => failed;

    /// <summary>Of those, the ones answered 503: the silo said it could not serve, as it must while its store is away.</summary>
    public int Unavailable => unavailable;

    /// <summary>Answers of 500 or other 5xx but 503: a fault of ours, never acceptable.</summary>
    public int Faults => faults;

    public string Summary =>
        $"acknowledged {Incidents} calls, {Assignments} dispatches, {Closes} closes, {Positions} positions; " +
        $"refused or cut off {Failed} ({Unavailable} answered 503); lost 0";

    /// <summary>Commissions the load's teams in 冠县 and gives each a first position.</summary>
    public static async Task CommissionTeamsAsync(HttpClient api)
    {
        foreach (var (team, i) in Teams.Select((t, i) => (t, i)))
        {
            (await api.PutAsJsonAsync($"/api/teams/{team}", new
            {
                callsign = $"故障测试{i + 1}组", mode = "vehicle", leader = "王队长", members = new[] { "王队长", "李警官" },
                equipment = new[] { "对讲机" }, jurisdictionId = "371525",
            })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync($"/api/teams/{team}/positions", new { lon = 115.44 + i * 0.002, lat = 36.48 })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Runs <paramref name="workers"/> workers until <paramref name="stop"/>.</summary>
    public Task RunAsync(HttpClient api, int workers, int seed, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => RunWorker(api, new Random(seed * 100 + w), stop)));

    private async Task RunWorker(HttpClient api, Random random, CancellationToken stop)
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
                        incidents[detail.Id] = detail.Number;
                    }
                    else
                    {
                        await RefusedAsync(response);
                    }
                }
                else if (dice < 65 && incidents.Keys.OrderBy(_ => random.Next()).FirstOrDefault() is { } incidentId)
                {
                    string team = Teams[random.Next(Teams.Length)];
                    using var response = await api.PostAsJsonAsync($"/api/incidents/{incidentId}/assignments", new { teamId = team }, stop);
                    if (response.IsSuccessStatusCode)
                    {
                        assignments[(incidentId, team)] = true;
                    }
                    else
                    {
                        await RefusedAsync(response);
                    }
                }
                else if (dice < 75 && assignments.Keys.Select(a => a.IncidentId).Where(id => !closes.ContainsKey(id))
                    .OrderBy(_ => random.Next()).FirstOrDefault() is { } assignedId)
                {
                    using var response = await api.PostAsJsonAsync($"/api/incidents/{assignedId}/close", new { resolution = "已处置", confirmNoArrival = true, noArrivalReason = "负载测试：警力未到场即办结" }, stop);
                    if (response.IsSuccessStatusCode)
                    {
                        closes[assignedId] = true;
                    }
                    else
                    {
                        await RefusedAsync(response);
                    }
                }
                else
                {
                    string team = Teams[random.Next(Teams.Length)];
                    using var response = await api.PostAsJsonAsync($"/api/teams/{team}/positions",
                        new { lon = 115.44 + random.NextDouble() * 0.02, lat = 36.48 + random.NextDouble() * 0.02 }, stop);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref positions);
                    }
                    else
                    {
                        await RefusedAsync(response);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // Cut off by the kill: not acknowledged, so nothing is owed. It may or may not have landed.
                Refused();
                if (!stop.IsCancellationRequested)
                {
                    await Task.Delay(20, CancellationToken.None);
                }
            }
        }
    }

    /// <summary>Every acknowledged call is there, once, in order; <paramref name="when"/> names the moment in a failure.</summary>
    public async Task VerifyAsync(HttpClient api, string when)
    {
        var listed = await IncidentPages.AllAsync(api);
        Assert.Equal(listed.Count, listed.Select(i => i.Id).Distinct().Count());
        Assert.Equal(listed.Count, listed.Select(i => i.Number).Distinct().Count());
        var byId = listed.ToDictionary(i => i.Id);
        foreach (var (id, number) in incidents)
        {
            Assert.True(byId.TryGetValue(id, out var found), $"Acknowledged call {number} ({id}) is missing {when}.");
            Assert.Equal(number, found!.Number);
        }
        foreach (var id in closes.Keys)
        {
            Assert.True(byId[id].Status == IncidentStatus.Closed, $"Acknowledged close of {id} is missing {when}.");
        }
        foreach (var group in assignments.Keys.GroupBy(a => a.IncidentId))
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
    public async Task<int> VerifyDeadlinesAsync(HttpClient api)
    {
        int fired = 0;
        foreach (var id in incidents.Keys)
        {
            var timeline = (await api.GetFromJsonAsync<List<TimelineEntry>>($"/api/incidents/{id}/timeline", CommandApp.Json))!;
            var assignedAt = timeline.FirstOrDefault(e => e.Kind == "teamAssigned")?.At;
            var due = timeline[0].At.AddSeconds(3);
            bool mustFire = assignedAt is null || assignedAt > due;
            if (mustFire && !timeline.Any(e => e.Kind == "dispatchOverdue"))
            {
                // A reminder whose silo was just killed or frozen fires once the ring has moved it to a live silo: wait
                // for that outcome rather than for a fixed time. Firing twice is still caught below.
                timeline = await Eventually.Get(
                    async () => (await api.GetFromJsonAsync<List<TimelineEntry>>($"/api/incidents/{id}/timeline", CommandApp.Json))!,
                    t => t.Any(e => e.Kind == "dispatchOverdue"), $"the dispatch deadline of {id} (due {due:O}) to fire", TimeSpan.FromSeconds(90));
            }
            int overdue = timeline.Count(e => e.Kind == "dispatchOverdue");
            Assert.True(overdue <= 1, $"The dispatch deadline of {id} fired {overdue} times.");
            if (mustFire)
            {
                Assert.True(overdue == 1, $"The dispatch deadline of {id} (due {due:O}) never fired.");
                fired++;
            }
        }
        return fired;
    }

    private readonly ConcurrentQueue<string> faultSamples = new();

    /// <summary>The first few answers that were faults, to say what went wrong.</summary>
    public IReadOnlyCollection<string> FaultSamples => faultSamples;

    private async Task RefusedAsync(HttpResponseMessage response)
    {
        if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable && faultSamples.Count < 5)
        {
            faultSamples.Enqueue($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: " +
                await response.Content.ReadAsStringAsync(CancellationToken.None));
        }
        Refused(response.StatusCode);
    }

    private void Refused(HttpStatusCode? status = null)
    {
        Interlocked.Increment(ref failed);
        if (status == HttpStatusCode.ServiceUnavailable)
        {
            Interlocked.Increment(ref unavailable);
        }
        else if ((int?)status >= 500)
        {
            Interlocked.Increment(ref faults);
        }
    }
}
