using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;
using Command.Tests.Support;

namespace Command.Tests.Api;

/// <summary>
/// Walks the rejections the API gives (400, 401, 403, 404, 409, 413, 415, 422) the way the pages meet them, and checks
/// each detail with <see cref="ChineseRefusal"/>: plain Chinese that says what happened and what to do, the case by its
/// number, and no English word, API path, internal id or UTC time.
/// </summary>
public sealed class RefusalWordingTests : IAsyncLifetime
{
    private const double Lon = 115.45;
    private const double Lat = 36.49;
    private readonly CommandApp app = new();
    private HttpClient duty = null!;

    public Task InitializeAsync()
    {
        duty = app.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static async Task<JsonElement> Refused(Task<HttpResponseMessage> call, HttpStatusCode status, string? number = null, params string[] allowed)
    {
        var problem = await CommandApp.Problem(await call, status);
        ChineseRefusal.Check(problem, number, allowed);
        return problem;
    }

    private Task<HttpResponseMessage> Post(string path, object body) => CommandApp.Post(duty, path, body);

    private Task<HttpResponseMessage> PostRaw(string path, string body, string contentType = "application/json") =>
        duty.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    [Fact]
    public async Task EveryRefusalOfACallTakenOrDispatchedIsChineseAndNamesTheCase()
    {
        // Intake: each field wrong, all said at once.
        var intake = await Refused(Post("/api/incidents", new { channel = 999, type = "alien", severity = 9, lon = 200, lat = -95, callerPhone = "call me", crowdSize = -1, cause = "boredom" }),
            HttpStatusCode.UnprocessableEntity);
        foreach (string label in new[] { "报警渠道", "警情类别", "警情等级", "经度", "纬度", "报警电话", "聚集人数", "聚集原因" })
        {
            Assert.Contains(label, intake.GetProperty("detail").GetString());
        }
        await Refused(Post("/api/incidents", new { type = "fire" }), HttpStatusCode.UnprocessableEntity);
        await Refused(PostRaw("/api/incidents", $$"""{"channel":110,"type":"fire","lon":{{Lon}},"lat":{{Lat}},"description":"{{new string('x', 3000)}}"}"""), HttpStatusCode.UnprocessableEntity);
        await Refused(duty.GetAsync("/api/incidents?limit=0"), HttpStatusCode.UnprocessableEntity);
        await Refused(duty.GetAsync("/api/incidents?before=not-a-cursor"), HttpStatusCode.UnprocessableEntity);

        // Unknown cases and teams.
        foreach (string path in new[] { "/api/incidents/0123456789abcdef0123456789abcdef", "/api/incidents/nope/timeline", "/api/incidents/nope/recommendations", "/api/teams/nope", "/api/jurisdictions/nope" })
        {
            await Refused(duty.GetAsync(path), HttpStatusCode.NotFound);
        }
        var incident = await app.CreateIncident(duty, Lon, Lat);
        string path0 = $"/api/incidents/{incident.Id}";
        await Refused(duty.GetAsync($"{path0}/recommendations?limit=99"), HttpStatusCode.UnprocessableEntity);
        await Refused(Post($"{path0}/assignments", new { }), HttpStatusCode.UnprocessableEntity);
        await Refused(Post($"{path0}/assignments", new { teamId = "nope" }), HttpStatusCode.NotFound);

        // A team already sent elsewhere: named by its callsign, with 换一支 to offer.
        var other = await app.CreateIncident(duty, Lon + 0.01, Lat);
        await CommandApp.Read<IncidentDetail>(await Post($"/api/incidents/{other.Id}/assignments", new { teamId = "team-371525-01" }));
        string callsign = (await CommandApp.Team(duty, "team-371525-01")).Callsign;
        var busy = await Refused(Post($"{path0}/assignments", new { teamId = "team-371525-01" }), HttpStatusCode.Conflict, null, callsign);
        Assert.Contains(callsign, busy.GetProperty("detail").GetString());
        Assert.Equal(NextSteps.PickAnotherTeam, busy.GetProperty("nextStep").GetProperty("action").GetString());

        // Closing: a resolution is needed; once closed, the case refuses by its number, with its Beijing time.
        await Refused(Post($"{path0}/close", new { resolution = " " }), HttpStatusCode.UnprocessableEntity);
        await CommandApp.Read<IncidentDetail>(await Post($"{path0}/close", new { resolution = "已处置" }));
        var closed = await Refused(Post($"{path0}/assignments", new { teamId = "team-371525-02" }), HttpStatusCode.Conflict, incident.Number);
        Assert.False(closed.TryGetProperty("nextStep", out _), "A closed case has no next step to offer.");
        await Refused(Post($"{path0}/handling", new { note = "继续" }), HttpStatusCode.Conflict, incident.Number);
    }

    [Fact]
    public async Task EveryRefusalOnAMassIncidentIsChineseAndNamesTheCase()
    {
        var incident = await app.CreateIncident(duty, Lon, Lat, type: "massIncident", crowdSize: 200, cause: "environment");
        string path = $"/api/incidents/{incident.Id}";
        string n = incident.Number;

        await Refused(Post($"{path}/mass", new { cause = "other" }), HttpStatusCode.Conflict, n);
        await Refused(Post($"{path}/mass", new { cause = "boredom" }), HttpStatusCode.UnprocessableEntity);
        await Refused(Post($"{path}/crowd", new { crowdSize = -3 }), HttpStatusCode.UnprocessableEntity);
        await Refused(Post($"{path}/severity", new { severity = 7 }), HttpStatusCode.UnprocessableEntity);
        await Refused(Post($"{path}/reports", new { kind = "gossip", text = "" }), HttpStatusCode.UnprocessableEntity);
        await Refused(Post($"{path}/approvals", new { gate = "magic", reason = "" }), HttpStatusCode.UnprocessableEntity);
        await Refused(Post($"{path}/measures", new { gate = "policeForce", note = "x" }), HttpStatusCode.UnprocessableEntity);
        await Refused(Post($"{path}/measures", new { gate = "weapons", note = "使用警械" }), HttpStatusCode.Conflict, n);
        var leader = app.Api("lc.leader");
        await Refused(CommandApp.Post(leader, $"{path}/approvals/weapons/decision", new { reason = "同意" }), HttpStatusCode.UnprocessableEntity);
        await Refused(CommandApp.Post(leader, $"{path}/approvals/weapons/decision", new { approved = true, approver = "别人", reason = "同意" }), HttpStatusCode.UnprocessableEntity);
        await Refused(CommandApp.Post(leader, $"{path}/leader-checkins", new { lon = Lon + 0.05, lat = Lat }), HttpStatusCode.UnprocessableEntity, n);
        await Refused(CommandApp.Post(duty, $"{path}/approvals/weapons/decision", new { approved = true, reason = "同意" }), HttpStatusCode.Forbidden);

        // The 4th team: 需审批, with the request as the next step; once requested, the wait.
        foreach (string teamId in new[] { "team-371525-01", "team-371525-02", "team-371525-03" })
        {
            await CommandApp.Read<IncidentDetail>(await Post($"{path}/assignments", new { teamId }));
        }
        var gate = await Refused(Post($"{path}/assignments", new { teamId = "team-371525-04" }), HttpStatusCode.Conflict, n);
        Assert.StartsWith("需审批", gate.GetProperty("detail").GetString());
        Assert.Equal((NextSteps.RequestApproval, Gates.PoliceForce),
            (gate.GetProperty("nextStep").GetProperty("action").GetString(), gate.GetProperty("nextStep").GetProperty("gate").GetString()));
        await CommandApp.Read<IncidentDetail>(await Post($"{path}/approvals", new { gate = Gates.PoliceForce, reason = "增派" }));
        var waiting = await Refused(Post($"{path}/assignments", new { teamId = "team-371525-04" }), HttpStatusCode.Conflict, n);
        Assert.Equal(NextSteps.AwaitApproval, waiting.GetProperty("nextStep").GetProperty("action").GetString());

        // Escalations: an unknown one, a further step without a reason, and the step that is no longer the top one.
        await Refused(CommandApp.Post(leader, "/api/escalations/nope/ack", new { }), HttpStatusCode.NotFound);
        var open = await CommandApp.Get<List<EscalationView>>(leader, "/api/escalations?open=true");
        if (open.FirstOrDefault(e => e.IncidentId == incident.Id) is { } escalation)
        {
            await Refused(CommandApp.Post(leader, $"/api/escalations/{escalation.Id}/escalate", new { reason = "" }), HttpStatusCode.UnprocessableEntity);
            await CommandApp.Read<EscalationView>(await CommandApp.Post(leader, $"/api/escalations/{escalation.Id}/escalate", new { reason = "需上级统筹" }));
            await Refused(CommandApp.Post(leader, $"/api/escalations/{escalation.Id}/escalate", new { reason = "再提级" }), HttpStatusCode.Conflict, n);
        }
    }

    [Fact]
    public async Task EveryRefusalOfATeamIsChineseAndNamesItByCallsign()
    {
        string callsign = (await CommandApp.Team(duty, "team-371525-01")).Callsign;
        await Refused(Post("/api/teams/team-371525-01/status", new { status = "flying" }), HttpStatusCode.UnprocessableEntity);
        await Refused(Post("/api/teams/team-371525-01/status", new { status = "dispatched" }), HttpStatusCode.Conflict);
        await Refused(Post("/api/teams/team-371525-01/status", new { status = "onScene" }), HttpStatusCode.Conflict);
        await Refused(Post("/api/teams/team-371525-01/positions", new { lon = 115.4, lat = 91, headingDeg = 400, speedMps = -1 }), HttpStatusCode.UnprocessableEntity);
        await Refused(Post("/api/teams/team-371525-01/positions", new { lon = 115.4, lat = 36.4, at = app.Time.GetUtcNow().AddDays(2) }), HttpStatusCode.UnprocessableEntity);
        await Refused(CommandApp.Post(app.Api("gx.patrol"), "/api/teams/team-371525-01/backup", new { }), HttpStatusCode.Conflict, null, callsign);
        await Refused(CommandApp.Post(app.Api("gx.patrol"), "/api/teams/team-371525-02/status", new { status = "enRoute" }), HttpStatusCode.Forbidden,
            null, (await CommandApp.Team(duty, "team-371525-02")).Callsign);
        await Refused(duty.PutAsJsonAsync("/api/teams/bad id!", new { callsign = "", mode = "foot", leader = "", members = Array.Empty<string>(), equipment = Array.Empty<string>(), jurisdictionId = "nowhere" }),
            HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task EveryRefusalOfAccessAndAdministrationIsChinese()
    {
        using var anonymous = app.CreateClient();
        await Refused(anonymous.GetAsync("/api/incidents"), HttpStatusCode.Unauthorized);
        await Refused(anonymous.PostAsJsonAsync("/api/auth/token", new { username = "gx.duty", password = "wrong-password" }), HttpStatusCode.Unauthorized);
        await Refused(anonymous.PostAsJsonAsync("/api/auth/token", new { username = new string('a', 200), password = "x" }), HttpStatusCode.BadRequest);
        await Refused(CommandApp.Post(app.Api("gx.patrol"), "/api/incidents", new { channel = 110, type = "fire", lon = Lon, lat = Lat }), HttpStatusCode.Forbidden);

        var admin = app.Api("admin");
        await Refused(CommandApp.Post(admin, "/api/users", new { username = "X", displayName = "", role = "king", jurisdictionId = "nowhere", password = "short" }), HttpStatusCode.UnprocessableEntity);
        await Refused(CommandApp.Post(admin, "/api/users/admin/disable", new { }), HttpStatusCode.Conflict);
        await Refused(CommandApp.Post(admin, "/api/users/nobody.here/disable", new { }), HttpStatusCode.NotFound);
        await Refused(CommandApp.Post(admin, "/api/credentials/nope/revoke", new { }), HttpStatusCode.NotFound);
        await Refused(admin.GetAsync("/api/audit?date=yesterday&limit=0"), HttpStatusCode.UnprocessableEntity);
        await Refused(CommandApp.Post(app.Api("gx.leader"), "/api/auth/password", new { currentPassword = "not-it-at-all", newPassword = "river-lantern-42" }), HttpStatusCode.UnprocessableEntity);
        var terminal = await app.Terminal("team-371525-01");
        await Refused(CommandApp.Post(terminal, "/api/auth/password", new { currentPassword = "x", newPassword = "river-lantern-42" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RequestsThatCannotBeReadAreRefusedInChinese()
    {
        await Refused(PostRaw("/api/incidents", "not json"), HttpStatusCode.BadRequest);
        await Refused(PostRaw("/api/incidents", "{\"channel\":110,\"lon\":\"east\"}"), HttpStatusCode.BadRequest);
        await Refused(duty.GetAsync("/api/incidents?active=maybe"), HttpStatusCode.BadRequest);
        await Refused(duty.GetAsync("/api/jurisdictions/locate?lon=115.4"), HttpStatusCode.UnprocessableEntity);
        await Refused(duty.GetAsync("/api/jurisdictions?level=planet"), HttpStatusCode.UnprocessableEntity);
        await Refused(duty.GetAsync("/api/map/boundaries?level=county&bbox=1,2"), HttpStatusCode.UnprocessableEntity);
        await Refused(PostRaw("/api/incidents", $"{{\"description\":\"{new string('火', 2 * 1024 * 1024)}\"}}"), HttpStatusCode.RequestEntityTooLarge);
        var wrongType = await PostRaw("/api/incidents", "channel=110", "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        if (wrongType.Content.Headers.ContentLength is > 0)
        {
            ChineseRefusal.Check(JsonDocument.Parse(await wrongType.Content.ReadAsStringAsync()).RootElement);
        }
    }
}
