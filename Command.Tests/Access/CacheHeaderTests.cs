using System.Net;
using System.Text.Json;
using Command.Tests.Support;

namespace Command.Tests.Access;

/// <summary>
/// What one caller was shown never reaches the next user of the same browser from its cache: every answer of the
/// API (and of the administrators' dashboard) is either not stored (no-store) or stored only to be revalidated
/// (private, no-cache) under an entity tag that carries the caller's jurisdiction.
/// </summary>
public sealed class CacheHeaderTests
{
    [Fact]
    public async Task NoAnswerOfTheApiIsReusedWithoutAskingTheServer()
    {
        await using var app = new CommandApp();
        var duty = app.Api("gx.duty");
        var admin = app.Api("admin");
        var incident = await app.CreateIncident(duty);
        var followUp = await CommandApp.Read<Command.Abstractions.FollowUps.FollowUpView>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/follow-ups",
            new { task = "回访报警人", owner = "gx.leader", dueAt = app.Time.GetUtcNow().AddDays(1) }), HttpStatusCode.Created);
        var dispute = await CommandApp.Read<Command.Abstractions.Disputes.DisputeView>(await CommandApp.Post(duty, "/api/disputes",
            new { parties = new[] { new { name = "张三", role = "applicant" } }, cause = "neighbour", description = "邻里纠纷", lon = 115.45, lat = 36.49, level = "ordinary" }),
            HttpStatusCode.Created);
        var document = await CommandApp.Get<JsonElement>(duty, "/openapi/v1.json");
        var filled = new Dictionary<string, string>
        {
            ["/api/incidents/{id}"] = $"/api/incidents/{incident.Id}",
            ["/api/incidents/{id}/recommendations"] = $"/api/incidents/{incident.Id}/recommendations",
            ["/api/incidents/{id}/timeline"] = $"/api/incidents/{incident.Id}/timeline",
            ["/api/incidents/{id}/replay"] = $"/api/incidents/{incident.Id}/replay",
            ["/api/incidents/{id}/neighbour-support"] = $"/api/incidents/{incident.Id}/neighbour-support",
            ["/api/addresses"] = "/api/addresses?q=花园北路",
            ["/api/teams/{id}"] = "/api/teams/team-371525-01",
            ["/api/jurisdictions/{id}"] = "/api/jurisdictions/371525",
            ["/api/jurisdictions/{id}/shifts"] = "/api/jurisdictions/371525/shifts",
            ["/api/follow-ups/{itemId}"] = $"/api/follow-ups/{followUp.Id}",
            ["/api/disputes/{disputeId}"] = $"/api/disputes/{dispute.Id}",
            ["/api/jurisdictions/{id}/sweeps"] = "/api/jurisdictions/371525-t01/sweeps",
            ["/api/jurisdictions/locate"] = "/api/jurisdictions/locate?lon=115.45&lat=36.49",
            ["/api/map/boundaries"] = "/api/map/boundaries?level=village",
        };

        // Everything that answers for a caller; /healthz says the same to everyone.
        var gets = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("get", out _) && p.Name.StartsWith("/api/", StringComparison.Ordinal)).Select(p => p.Name).ToList();
        Assert.Contains("/api/map/assets", gets);
        int served = 0;
        foreach (string template in gets.Append("/dashboard"))
        {
            string path = filled.GetValueOrDefault(template, template);
            Assert.False(path.Contains('{'), $"GET {template} needs a value for its placeholder in this test.");
            foreach (var (who, client) in new[] { ("gx.duty", duty), ("admin", admin) })
            {
                using var response = await client.GetAsync(path);
                var cache = response.Headers.CacheControl;
                bool revalidated = cache is { Private: true, NoCache: true, Public: false } && response.Headers.ETag is not null;
                Assert.True(cache?.NoStore == true || revalidated,
                    $"GET {path} as {who} answered {(int)response.StatusCode} with Cache-Control: {cache?.ToString() ?? "(none)"}, ETag: {response.Headers.ETag?.ToString() ?? "(none)"}");
                served += response.IsSuccessStatusCode ? 1 : 0;
            }
        }
        Assert.True(served >= gets.Count, $"Only {served} of the {gets.Count * 2} answers were 2xx; the walk proves little.");
    }

    [Fact]
    public async Task AMapLayerRevalidatesCheaplyForItsOwnCountyAndNeverServesAnother()
    {
        await using var app = new CommandApp();
        var guanxian = app.Api("gx.duty");
        var guanxianLeader = app.Api("gx.leader");
        var shenxian = app.Api("sx.duty");

        foreach (string path in new[] { "/api/map/assets", "/api/map/boundaries?level=village", "/api/map/boundaries?level=township&shape=label" })
        {
            using var first = await guanxian.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True(first.Headers.CacheControl is { Private: true, NoCache: true, NoStore: false, MaxAge: null }, $"GET {path}: Cache-Control: {first.Headers.CacheControl}");
            var tag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException($"GET {path} has no ETag.");
            string guanxianBody = await first.Content.ReadAsStringAsync();

            // The browser asks again with its copy's tag: the same county gets 304 and no body, whoever asks.
            foreach (var same in new[] { guanxian, guanxianLeader })
            {
                using var again = await Conditional(same, path, tag.ToString());
                Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
                Assert.Equal(tag, again.Headers.ETag);
                Assert.Empty(await again.Content.ReadAsByteArrayAsync());
            }

            // The next user of that browser, from another county, gets their own layer in full.
            using var other = await Conditional(shenxian, path, tag.ToString());
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.NotEqual(tag, other.Headers.ETag);
            string shenxianBody = await other.Content.ReadAsStringAsync();
            Assert.NotEqual(guanxianBody, shenxianBody);
            Assert.DoesNotContain("\"371525", shenxianBody);
        }
    }

    private static Task<HttpResponseMessage> Conditional(HttpClient client, string path, string tag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", tag);
        return client.SendAsync(request);
    }
}
