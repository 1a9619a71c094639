using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Command.Tests.Browser;

/// <summary>The silo's HTTP API as the tests use it to set a scene or to check what the page shows against the server.</summary>
public static class CommandApi
{
    private static int nextTeam;

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        await EnsureSuccess(response, path);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient http, string path, object body, string actor = "浏览器测试")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Actor", Uri.EscapeDataString(actor));
        using var response = await http.SendAsync(request);
        await EnsureSuccess(response, path);
        return response.StatusCode == System.Net.HttpStatusCode.Accepted ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An available team with a position, a different one on every call, so tests sharing a silo do not meet.</summary>
    public static async Task<JsonElement> TakeAvailableTeamAsync(this HttpClient http)
    {
        var available = (await http.GetJsonAsync("api/teams")).EnumerateArray()
            .Where(t => t.GetProperty("status").GetString() == "available" && t.GetProperty("position").ValueKind == JsonValueKind.Object
                && t.GetProperty("mode").GetString() != "checkpoint")
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
