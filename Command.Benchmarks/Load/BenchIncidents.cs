using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Abstractions.Geo;
using Command.Silo.Demo;
using Command.Silo.Jurisdictions;

namespace Command.Benchmarks.Load;

/// <summary>Calls as a duty officer's console takes them: <c>POST /api/incidents</c> at a place inside the city.</summary>
public static class BenchIncidents
{
    public static GeoPoint RandomPoint(JurisdictionMap map, Random random)
    {
        var city = map.Find(JurisdictionMap.CityId) ?? throw new InvalidOperationException("The map has no city.");
        var at = DemoCity.RandomPointIn(city.Boundary, city.Prepared, random);
        return new GeoPoint(Math.Round(at.X, 6), Math.Round(at.Y, 6));
    }

    /// <summary>Receives a 110 public-order call and returns the new incident's id.</summary>
    public static async Task<string> PostAsync(HttpClient http, GeoPoint at, string label)
    {
        using var answer = await http.PostAsJsonAsync("/api/incidents", new
        {
            channel = 110,
            type = "publicOrder",
            lon = at.Lon,
            lat = at.Lat,
            address = label,
            description = "压测：聚众斗殴",
        });
        if (answer.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/incidents answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        }
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }
}
