using System.Net.Http.Json;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Tests.Support;

namespace Command.Tests.Recovery;

/// <summary>A real silo, killed with SIGKILL and started again on the same store: the same SQLite data folder,
/// or the same Redis server and key prefix.</summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "command-crash-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task KillDashNineLosesNothingThatWasAcknowledged(string storage)
    {
        // Severity IV calls are overdue for dispatch after 3 s here, so the deadline falls while the silo is dead.
        var environment = new Dictionary<string, string>
        {
            ["Dispatch__DispatchDeadlineMinutes__4"] = "0.05",
            ["Storage__Redis__KeyPrefix"] = $"crash-{Guid.NewGuid():N}:",
        };
        // On Redis the silo comes back on its old Orleans port, as the README's deployment keeps it: the cluster then knows
        // at once that its dead self is gone. On a new port it would first wait for the dead member to time out.
        string[] args = storage == "redis"
            ? ["--storage", "redis", "--redis", RedisServer.Shared.Endpoint, "--no-demo", "--silo-port", SiloProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : ["--no-demo"];
        IncidentDetail waiting, handled;
        List<TimelineEntry> timelineBefore;
        TeamView teamBefore;
        await using (var silo = await SiloProcess.StartAsync(data, configuration: environment, args: args))
        {
            var api = await silo.StaffAsync();
            await CommissionAsync(api, "team-a", 115.44, 36.48);
            waiting = await CreateAsync(api, 115.45, 36.49);
            handled = await CreateAsync(api, 115.46, 36.50);
            (await api.PostAsJsonAsync($"/api/incidents/{handled.Id}/assignments", new { teamId = "team-a" })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("/api/teams/team-a/status", new { status = "enRoute" })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("/api/teams/team-a/positions", new { lon = 115.455, lat = 36.495 })).EnsureSuccessStatusCode();
            timelineBefore = (await Eventually.Get(() => api.GetFromJsonAsync<List<TimelineEntry>>($"/api/incidents/{handled.Id}/timeline", CommandApp.Json),
                t => t!.Count == 4, "the en-route report on the incident's timeline"))!;
            teamBefore = (await api.GetFromJsonAsync<TeamView>("/api/teams/team-a", CommandApp.Json))!;
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // positions are telemetry, flushed every second
            await silo.StopAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // the dispatch deadline of `waiting` passes while nothing runs

        await using (var silo = await SiloProcess.StartAsync(data, configuration: environment, args: args))
        {
            var api = await silo.StaffAsync();
            var timelineAfter = await api.GetFromJsonAsync<List<TimelineEntry>>($"/api/incidents/{handled.Id}/timeline", CommandApp.Json);
            Assert.Equal(timelineBefore.Select(e => (e.Seq, e.Kind, e.At, e.Actor)), timelineAfter!.Select(e => (e.Seq, e.Kind, e.At, e.Actor)));

            var team = (await api.GetFromJsonAsync<TeamView>("/api/teams/team-a", CommandApp.Json))!;
            Assert.Equal((TeamStatus.EnRoute, handled.Id, teamBefore.StatusSince), (team.Status, team.IncidentId, team.StatusSince));
            Assert.Equal((115.455, 36.495), (team.Position!.Lon, team.Position.Lat));

            var overdue = await Eventually.Get(() => api.GetFromJsonAsync<IncidentDetail>($"/api/incidents/{waiting.Id}", CommandApp.Json)!,
                d => d!.DispatchOverdueAt is not null, "the missed dispatch deadline to fire on start");
            var entry = (await api.GetFromJsonAsync<List<TimelineEntry>>($"/api/incidents/{waiting.Id}/timeline", CommandApp.Json))!.Last();
            Assert.Equal("dispatchOverdue", entry.Kind);
            Assert.True(entry.Data.GetProperty("lateSeconds").GetDouble() > 0, "it fired late, and says by how much");
            Assert.Equal(waiting.Number, overdue!.Number);

            var incidents = await api.GetFromJsonAsync<List<IncidentSummary>>("/api/incidents", CommandApp.Json);
            Assert.Equal(2, incidents!.Count);
        }
    }

    private static async Task<IncidentDetail> CreateAsync(HttpClient api, double lon, double lat)
    {
        var response = await api.PostAsJsonAsync("/api/incidents", new { channel = 110, type = "dispute", lon, lat });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IncidentDetail>(CommandApp.Json))!;
    }

    private static async Task CommissionAsync(HttpClient api, string teamId, double lon, double lat)
    {
        var response = await api.PutAsJsonAsync($"/api/teams/{teamId}", new
        {
            callsign = "冠县车巡9组", mode = "vehicle", leader = "王队长", members = new[] { "王队长", "李警官" },
            equipment = new[] { "对讲机" }, jurisdictionId = "371525",
        });
        response.EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/teams/{teamId}/positions", new { lon, lat })).EnsureSuccessStatusCode();
    }
}
