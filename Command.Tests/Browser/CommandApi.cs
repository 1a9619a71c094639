using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using Command.Tests.Support;

namespace Command.Tests.Browser;

/// <summary>The silo's HTTP API as the tests use it to set a scene or to check what the page shows against the server.
/// It signs in like any script would, with a bearer token; the timeline then names the demo user.</summary>
public static class CommandApi
{
    /// <summary>The demo users' shared password (Command.Silo/Demo/DemoUsers.cs).</summary>
    public const string DemoPassword = "demo-2026";

    /// <summary>The teams the demo's patrol leaders (gx.patrol, sx.patrol) are bound to: kept out of
    /// <see cref="TakeAvailableTeamAsync"/> so that the tests of those leaders' pages find them as the demo left them.</summary>
    public static readonly string[] PatrolLeaderTeams = ["team-371525-01", "team-371522-01"];

    private static int nextTeam;

    /// <summary>A client of the silo signed in (a demo user unless told otherwise) with a bearer token (POST /api/auth/token); the caller
    /// disposes it.</summary>
    public static async Task<HttpClient> SignInAsync(this SiloProcess silo, string username = "lc.duty", string password = DemoPassword)
    {
        using var response = await silo.Http.PostAsJsonAsync("api/auth/token", new { username, password, label = "浏览器测试脚本" });
        await EnsureSuccess(response, "api/auth/token");
        string token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        await EnsureSuccess(response, path);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        await EnsureSuccess(response, path);
        return response.StatusCode == System.Net.HttpStatusCode.Accepted ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An available team with a position, a different one on every call, so tests sharing a silo do not meet.</summary>
    public static async Task<JsonElement> TakeAvailableTeamAsync(this HttpClient http)
    {
        var available = (await http.GetJsonAsync("api/teams")).EnumerateArray()
            .Where(t => t.GetProperty("status").GetString() == "available" && t.GetProperty("position").ValueKind == JsonValueKind.Object
                && t.GetProperty("mode").GetString() != "checkpoint" && !PatrolLeaderTeams.Contains(t.Id()))
            .ToList();
        Assert.NotEmpty(available);
        return available[Interlocked.Increment(ref nextTeam) * 7 % available.Count];
    }

    /// <summary>A call a few hundred metres from a team, so that the team is among those recommended.</summary>
    public static Task<JsonElement> CreateIncidentNearAsync(this HttpClient http, JsonElement team, string description, string type = "publicOrder", string? address = null)
    {
        var position = team.GetProperty("position");
        return http.PostJsonAsync("api/incidents", new
        {
            channel = 110,
            type,
            lon = Math.Round(position.GetProperty("lon").GetDouble() + 0.002, 6),
            lat = Math.Round(position.GetProperty("lat").GetDouble() + 0.0015, 6),
            address = address ?? "测试地址",
            description,
        });
    }

    /// <summary>
    /// A call beside an available team where at least <paramref name="teams"/> suitable teams are free to send. The
    /// shared silo's teams are spread thin by the tests before, so a scene without enough is closed as a test call and
    /// the next team's place is tried.
    /// </summary>
    public static async Task<JsonElement> CreateIncidentWithFreeTeamsAsync(this HttpClient http, int teams, string description, string type, string address)
    {
        for (int attempt = 0; attempt < 12; attempt++)
        {
            var incident = await http.CreateIncidentNearAsync(await http.TakeAvailableTeamAsync(), description, type, address);
            if ((await http.GetJsonAsync($"api/incidents/{incident.Id()}/recommendations?limit={teams}")).GetArrayLength() >= teams)
            {
                return incident;
            }
            await http.PostJsonAsync($"api/incidents/{incident.Id()}/close", new { resolution = "测试警情，附近警力不足，另选地点", confirmNoArrival = true, noArrivalReason = "测试用警情，无需出警" });
        }
        throw new InvalidOperationException($"No place on the shared silo has {teams} free teams for a {type} call.");
    }

    /// <summary>A 群体性事件 of severity II called in beside <paramref name="team"/>, with the crowd the caller counted.</summary>
    public static Task<JsonElement> CreateMassIncidentNearAsync(this HttpClient http, JsonElement team, string address, string description, int crowdSize)
    {
        var position = team.GetProperty("position");
        return http.PostJsonAsync("api/incidents", new
        {
            channel = 110,
            type = "massIncident",
            severity = 2, // II: a mass incident that may climb to the city (IV would stay in its village)
            lon = Math.Round(position.GetProperty("lon").GetDouble() + 0.002, 6),
            lat = Math.Round(position.GetProperty("lat").GetDouble() + 0.0015, 6),
            address,
            description,
            crowdSize,
        });
    }

    public static string Id(this JsonElement element) => element.GetProperty("id").GetString()!;

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static async Task EnsureSuccess(HttpResponseMessage response, string path)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
