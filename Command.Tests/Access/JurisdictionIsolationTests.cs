using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Tests.Support;
using static Command.Tests.Access.TwoCounties;

namespace Command.Tests.Access;

/// <summary>
/// Two county consoles open side by side, and a 冠县 duty officer trying everything in 莘县: nothing of one county
/// reaches the other, in the API or down the hub. Escalations that climb above a county go to the city's leaders.
/// </summary>
public sealed class JurisdictionIsolationTests : IAsyncLifetime
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    private readonly CommandApp app = new(rules: ShortWindows());
    private HttpClient gx = null!;
    private HttpClient sx = null!;
    private HttpClient city = null!;

    public Task InitializeAsync()
    {
        gx = app.Api("gx.duty");
        sx = app.Api("sx.duty");
        city = app.Api("lc.duty");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EachCountyConsoleHearsItsOwnCountyOnlyWhileTheCityHearsBoth()
    {
        await using var guanxianConsole = await HubClient.ConnectAsync(app, await app.SignIn("gx.duty"));
        await using var shenxianConsole = await HubClient.ConnectAsync(app, await app.SignIn("sx.duty"));
        await using var cityConsole = await HubClient.ConnectAsync(app, await app.SignIn("lc.duty"));
        var t0 = app.Time.GetUtcNow();

        // The same story in both counties, each told by its own duty officer: a call, a mass incident, a dispatch,
        // the team on its way and moving, and the mass incident left unattended until it reaches the city.
        var gxCall = await FileIncident(gx, GuanxianId);
        var sxCall = await FileIncident(sx, ShenxianId);
        var gxMass = await FileIncident(gx, GuanxianId, mass: true);
        var sxMass = await FileIncident(sx, ShenxianId, mass: true);
        const string gxTeam = "team-371525-03", sxTeam = "team-371522-03";
        await CommandApp.Read<IncidentDetail>(await gx.PostAsJsonAsync($"/api/incidents/{gxCall.Id}/assignments", new { teamId = gxTeam }));
        await CommandApp.Read<IncidentDetail>(await sx.PostAsJsonAsync($"/api/incidents/{sxCall.Id}/assignments", new { teamId = sxTeam }));
        await CommandApp.Read<TeamView>(await gx.PostAsJsonAsync($"/api/teams/{gxTeam}/status", new { status = "enRoute" }));
        await CommandApp.Read<TeamView>(await sx.PostAsJsonAsync($"/api/teams/{sxTeam}/status", new { status = "enRoute" }));
        Assert.Equal(HttpStatusCode.Accepted, (await gx.PostAsJsonAsync($"/api/teams/{gxTeam}/positions", new { lon = 115.45, lat = 36.47 })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await sx.PostAsJsonAsync($"/api/teams/{sxTeam}/positions", new { lon = 115.66, lat = 36.24 })).StatusCode);
        app.Time.Advance(TimeSpan.FromMilliseconds(200));
        var leader = app.Api("lc.leader");
        string[] mass = [gxMass.Id, sxMass.Id];
        await ClimbTo(app, leader, t0.AddMinutes(1), mass, JurisdictionLevel.Township);
        await ClimbTo(app, leader, t0.AddMinutes(2), mass, JurisdictionLevel.County);
        var toCity = await ClimbTo(app, leader, t0.AddMinutes(3), mass, JurisdictionLevel.City);

        // A last call in each county marks the end: each console's frames arrive in order, so once it has heard its
        // own last call it has been sent everything before it. Then wait for quiet, to catch anything late.
        var gxLast = await FileIncident(gx, GuanxianId);
        var sxLast = await FileIncident(sx, ShenxianId);
        await guanxianConsole.ReceiveAsync("IncidentChanged", m => Id(m) == gxLast.Id);
        await shenxianConsole.ReceiveAsync("IncidentChanged", m => Id(m) == sxLast.Id);
        await cityConsole.ReceiveAsync("IncidentChanged", m => Id(m) == gxLast.Id);
        await cityConsole.ReceiveAsync("IncidentChanged", m => Id(m) == sxLast.Id);
        foreach (var console in new[] { guanxianConsole, shenxianConsole, cityConsole })
        {
            while (await console.NextAsync(Quiet) is not null)
            {
            }
        }

        var gxIncidents = new[] { gxCall, gxMass, gxLast };
        var sxIncidents = new[] { sxCall, sxMass, sxLast };
        NeverMentions(guanxianConsole, "冠县", [ShenxianId, "莘县", .. sxIncidents.SelectMany(i => i.Secrets.Append(i.Id))]);
        NeverMentions(shenxianConsole, "莘县", [GuanxianId, "冠县", .. gxIncidents.SelectMany(i => i.Secrets.Append(i.Id))]);

        foreach (var (console, incidents, team, massId) in new[] { (guanxianConsole, gxIncidents, gxTeam, gxMass.Id), (shenxianConsole, sxIncidents, sxTeam, sxMass.Id), (cityConsole, gxIncidents, gxTeam, gxMass.Id), (cityConsole, sxIncidents, sxTeam, sxMass.Id) })
        {
            var heard = console.Received;
            foreach (var incident in incidents)
            {
                Assert.Contains(heard, m => m.Target == "IncidentChanged" && Id(m.Argument) == incident.Id);
            }
            Assert.Contains(heard, m => m.Target == "TeamStatusChanged" && Id(m.Argument) == team && m.Argument.GetProperty("status").GetString() == "enRoute");
            Assert.Contains(heard, m => m.Target == "TeamsMoved" && m.Argument.EnumerateArray().Any(move => move.GetProperty("teamId").GetString() == team));
            foreach (string level in new[] { "township", "county", "city" })
            {
                Assert.Contains(heard, m => m.Target == "EscalationRaised" && m.Argument.GetProperty("incidentId").GetString() == massId
                    && m.Argument.GetProperty("level").GetString() == level);
            }
        }
        Assert.Equal(CityId, toCity[gxMass.Id].JurisdictionId);
    }

    [Fact]
    public async Task GuanxianDutyOfficerCannotReadListOrChangeAnythingInShenxian()
    {
        var theirs = await FileIncident(sx, ShenxianId);
        var theirMass = await FileIncident(sx, ShenxianId, mass: true);
        var ours = await FileIncident(gx, GuanxianId);
        var t0 = app.Time.GetUtcNow();
        var theirEscalation = (await ClimbTo(app, app.Api("lc.leader"), t0.AddMinutes(1), [theirMass.Id], JurisdictionLevel.Township))[theirMass.Id];
        // A refusal may repeat the id it was asked about; a list must not hold it at all.
        string[] secrets = [.. theirs.Secrets, .. theirMass.Secrets];
        string[] unlisted = [.. secrets, theirs.Id, theirMass.Id, theirEscalation.Id, ShenxianId, "莘县"];
        var before = await CommandApp.Get<IncidentDetail>(city, $"/api/incidents/{theirs.Id}");
        var theirTeamBefore = await CommandApp.Team(city, ShenxianTeam);
        int incidentsBefore = (await CommandApp.Get<List<IncidentSummary>>(city, "/api/incidents")).Count;

        // Lists hold only 冠县, and asking for 莘县 by name gives an empty list, not an error that confirms it exists.
        foreach (string path in new[] { "/api/incidents", "/api/incidents?active=true", "/api/teams", "/api/escalations", "/api/escalations?open=true", "/api/jurisdictions",
                     "/api/map/boundaries?level=county", "/api/map/boundaries?level=township" })
        {
            string body = await Ok(gx, path);
            string? seen = unlisted.FirstOrDefault(s => body.Contains(s, StringComparison.Ordinal));
            Assert.True(seen is null, $"GET {path} for gx.duty mentions '{seen}': {body}");
        }
        foreach (string path in new[] { "/api/incidents?jurisdictionId=371522", "/api/teams?jurisdictionId=371522", "/api/escalations?jurisdictionId=371522" })
        {
            Assert.Equal("[]", await Ok(gx, path));
        }
        Assert.Contains(ours.Id, await Ok(gx, "/api/incidents"));
        Assert.Contains(GuanxianTeam, await Ok(gx, "/api/teams"));
        var counties = JsonDocument.Parse(await Ok(gx, "/api/map/boundaries?level=county")).RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Equal([GuanxianId], counties);
        // Cameras and checkpoints are 冠县's own (a checkpoint on the line with 莘县 may carry its name).
        var assets = JsonDocument.Parse(await Ok(gx, "/api/map/assets")).RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("jurisdictionId").GetString()!).ToList();
        Assert.NotEmpty(assets);
        Assert.All(assets, j => Assert.StartsWith(GuanxianId, j));

        // Recommendations for a call near the county line: the city sees 莘县 teams close by, 冠县 is offered only its own.
        var cityOffers = await CommandApp.Get<List<Recommendation>>(city, $"/api/incidents/{ours.Id}/recommendations?limit=50");
        Assert.Contains(cityOffers, r => r.JurisdictionId == ShenxianId);
        var ourOffers = await CommandApp.Get<List<Recommendation>>(gx, $"/api/incidents/{ours.Id}/recommendations?limit=50");
        Assert.NotEmpty(ourOffers);
        Assert.All(ourOffers, r => Assert.Equal(GuanxianId, r.JurisdictionId));

        // One by one, everything in 莘县 is absent.
        (HttpMethod Method, string Path, object? Body)[] absent =
        [
            (HttpMethod.Get, $"/api/incidents/{theirs.Id}", null),
            (HttpMethod.Get, $"/api/incidents/{theirs.Id}/timeline", null),
            (HttpMethod.Get, $"/api/incidents/{theirs.Id}/recommendations", null),
            (HttpMethod.Post, $"/api/incidents/{theirs.Id}/assignments", new { teamId = GuanxianTeam }),
            (HttpMethod.Post, $"/api/incidents/{theirs.Id}/handling", new { note = "越界" }),
            (HttpMethod.Post, $"/api/incidents/{theirs.Id}/close", new { resolution = "越界" }),
            (HttpMethod.Post, $"/api/incidents/{theirs.Id}/mass", new { cause = "labourDispute", crowdSize = 50 }),
            (HttpMethod.Post, $"/api/incidents/{theirs.Id}/crowd", new { crowdSize = 500 }),
            (HttpMethod.Post, $"/api/incidents/{theirs.Id}/severity", new { severity = 1, reason = "越界" }),
            (HttpMethod.Post, $"/api/incidents/{theirs.Id}/reports", new { kind = "informationReport", text = "越界" }),
            (HttpMethod.Post, $"/api/incidents/{theirs.Id}/approvals", new { gate = Gates.CoerciveMeasures, reason = "越界" }),
            (HttpMethod.Post, $"/api/incidents/{theirs.Id}/measures", new { gate = Gates.CoerciveMeasures, note = "越界" }),
            (HttpMethod.Post, $"/api/incidents/{ours.Id}/assignments", new { teamId = ShenxianTeam }),
            (HttpMethod.Get, $"/api/teams/{ShenxianTeam}", null),
            (HttpMethod.Put, $"/api/teams/{ShenxianTeam}", new { callsign = "越界", mode = "foot", leader = "越界", members = new[] { "越界" }, equipment = Array.Empty<string>(), jurisdictionId = GuanxianId }),
            (HttpMethod.Post, $"/api/teams/{ShenxianTeam}/positions", new { lon = 115.44, lat = 36.48 }),
            (HttpMethod.Post, $"/api/teams/{ShenxianTeam}/status", new { status = "offDuty" }),
            (HttpMethod.Post, $"/api/teams/{ShenxianTeam}/device-tokens", new { label = "越界" }),
            (HttpMethod.Get, $"/api/jurisdictions/{ShenxianId}", null),
            (HttpMethod.Get, $"/api/jurisdictions/{ShenxianId}-t01", null),
        ];
        foreach (var (method, path, body) in absent)
        {
            await Refused(gx, method, path, body, HttpStatusCode.NotFound, secrets);
        }
        // Filing into 莘县 is refused outright: there is nothing there to hide, only a line not to cross.
        var (lon, lat) = ShenxianPoint;
        await Refused(gx, HttpMethod.Post, "/api/incidents", new { channel = 110, type = "publicOrder", lon, lat, address = "越界地址" }, HttpStatusCode.Forbidden, secrets);
        await Refused(gx, HttpMethod.Put, "/api/teams/gx-into-shenxian", new { callsign = "越界", mode = "foot", leader = "越界", members = new[] { "越界" }, equipment = Array.Empty<string>(), jurisdictionId = ShenxianId }, HttpStatusCode.Forbidden, secrets);
        // Nor may a 冠县 leader sign for a 莘县 escalation: it is not there for them.
        await Refused(app.Api("gx.leader"), HttpMethod.Post, $"/api/escalations/{theirEscalation.Id}/ack", null, HttpStatusCode.NotFound, secrets);

        // Nothing in 莘县 changed.
        var after = await CommandApp.Get<IncidentDetail>(city, $"/api/incidents/{theirs.Id}");
        Assert.Equal((before.Version, before.Status, before.IsMassIncident, before.CrowdSize, before.Severity), (after.Version, after.Status, after.IsMassIncident, after.CrowdSize, after.Severity));
        var theirTeamAfter = await CommandApp.Team(city, ShenxianTeam);
        Assert.Equal((theirTeamBefore.Version, theirTeamBefore.Status, theirTeamBefore.Callsign, theirTeamBefore.Position), (theirTeamAfter.Version, theirTeamAfter.Status, theirTeamAfter.Callsign, theirTeamAfter.Position));
        Assert.Equal(incidentsBefore, (await CommandApp.Get<List<IncidentSummary>>(city, "/api/incidents")).Count);
        Assert.Null((await CommandApp.Get<List<EscalationView>>(city, "/api/escalations")).Single(e => e.Id == theirEscalation.Id).AcknowledgedAt);
        Assert.Equal(404, (int)(await city.GetAsync("/api/teams/gx-into-shenxian")).StatusCode);
    }

    [Fact]
    public async Task EscalationsAboveTheCountyReachTheCityLeaderAndOnlyTheCityMaySignForThem()
    {
        var cityLeader = app.Api("lc.leader");
        var countyLeader = app.Api("gx.leader");
        await using var cityConsole = await HubClient.ConnectAsync(app, await app.SignIn("lc.leader"));
        var t0 = app.Time.GetUtcNow();
        var early = await FileIncident(gx, GuanxianId, mass: true);
        await ClimbTo(app, cityLeader, t0.AddMinutes(1), [early.Id], JurisdictionLevel.Township);
        var late = await FileIncident(gx, GuanxianId, mass: true);
        await ClimbTo(app, cityLeader, t0.AddMinutes(2), [early.Id, late.Id], JurisdictionLevel.Township);
        await ClimbTo(app, cityLeader, t0.AddMinutes(2), [early.Id], JurisdictionLevel.County); // raised now, so due at 3 minutes
        var atCity = (await ClimbTo(app, cityLeader, t0.AddMinutes(3), [early.Id], JurisdictionLevel.City))[early.Id];
        var atCounty = (await ClimbTo(app, cityLeader, t0.AddMinutes(3), [late.Id], JurisdictionLevel.County))[late.Id];

        // The city leader's list and console have the one that reached the city.
        Assert.Equal((CityId, "聊城市"), (atCity.JurisdictionId, atCity.JurisdictionName));
        Assert.Contains(await CommandApp.Get<List<EscalationView>>(cityLeader, "/api/escalations?open=true"), e => e.Id == atCity.Id);
        await cityConsole.ReceiveAsync("EscalationRaised", m => Id(m) == atCity.Id);

        // The county's leader still sees it (the incident is theirs) but may not sign for the city.
        Assert.Contains(await CommandApp.Get<List<EscalationView>>(countyLeader, "/api/escalations?open=true"), e => e.Id == atCity.Id);
        var refusal = await CommandApp.Problem(await countyLeader.PostAsync($"/api/escalations/{atCity.Id}/ack", null), HttpStatusCode.Forbidden);
        Assert.Contains("聊城市", ChineseRefusal.Check(refusal));
        Assert.Null((await CommandApp.Get<List<EscalationView>>(cityLeader, "/api/escalations")).Single(e => e.Id == atCity.Id).AcknowledgedAt);

        // At county level it is theirs to sign for.
        var signed = await CommandApp.Read<EscalationView>(await countyLeader.PostAsync($"/api/escalations/{atCounty.Id}/ack", null));
        Assert.Equal(("领导:赵敏(gx.leader)", app.Time.GetUtcNow()), (signed.AcknowledgedBy, signed.AcknowledgedAt!.Value));

        var cityAck = await CommandApp.Read<EscalationView>(await cityLeader.PostAsync($"/api/escalations/{atCity.Id}/ack", null));
        Assert.Equal("领导:李强(lc.leader)", cityAck.AcknowledgedBy);

        // 莘县's leader hears nothing of either.
        var otherCounty = await CommandApp.Get<List<EscalationView>>(app.Api("sx.leader"), "/api/escalations");
        Assert.DoesNotContain(otherCounty, e => e.IncidentId == early.Id || e.IncidentId == late.Id);
    }

    private static string? Id(JsonElement argument) => argument.TryGetProperty("id", out var id) ? id.GetString() : null;

    private static void NeverMentions(HubClient console, string county, IReadOnlyList<string> forbidden)
    {
        var heard = console.Received;
        Assert.NotEmpty(heard);
        foreach (var message in heard)
        {
            string? word = forbidden.FirstOrDefault(f => message.Frame.Contains(f, StringComparison.Ordinal));
            Assert.True(word is null, $"The {county} console was sent {message.Target} mentioning '{word}': {message.Frame}");
        }
    }

    private static async Task<string> Ok(HttpClient api, string path)
    {
        var response = await api.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task Refused(HttpClient api, HttpMethod method, string path, object? body, HttpStatusCode expected, IReadOnlyList<string> secrets)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
        {
            request.Content = JsonContent.Create(body ?? new { });
        }
        var response = await api.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}, not {(int)expected}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(secrets.FirstOrDefault(s => text.Contains(s, StringComparison.Ordinal)) is null, $"{method} {path} was refused but told: {text}");
    }
}
