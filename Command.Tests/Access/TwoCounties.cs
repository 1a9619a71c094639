using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Silo.Escalation;
using Command.Tests.Support;

namespace Command.Tests.Access;

/// <summary>
/// The two counties the access tests play against each other: 冠县 (371525), where gx.* work, and 莘县 (371522),
/// where sx.* work. Points inside each were checked with GET /api/jurisdictions/locate.
/// </summary>
public static class TwoCounties
{
    public const string GuanxianId = "371525";
    public const string ShenxianId = "371522";
    public const string CityId = "371500";

    public static readonly (double Lon, double Lat) GuanxianPoint = (115.44, 36.48);
    public static readonly (double Lon, double Lat) ShenxianPoint = (115.67, 36.23);

    /// <summary>gx.patrol's team, and the team of the terminal token in the tests.</summary>
    public const string OwnTeam = "team-371525-01";
    public const string GuanxianTeam = "team-371525-02";
    public const string ShenxianTeam = "team-371522-02";

    private static int serial;

    /// <summary>
    /// Windows in minutes so a test can walk an escalation up the ladder with the fake clock: the first team is due
    /// 1 minute after a mass incident opens, and each level has 1 minute to acknowledge before the next is told. The
    /// repeated-incident rule is off, since the tests file many incidents at one spot.
    /// </summary>
    public static CommandRules ShortWindows() => TestRules.With(d =>
    {
        d["milestones"] = new JsonArray(
            new JsonObject { ["name"] = "firstTeamOnScene", ["title"] = "首支处置力量到场", ["dueMinutes"] = 1, ["metBy"] = "teamOnScene" },
            new JsonObject { ["name"] = "writtenReport", ["title"] = "24小时内书面报告", ["dueMinutes"] = 1440, ["metBy"] = "report", ["reportKind"] = "writtenReport" });
        d["milestoneOverrides"] = new JsonArray();
        d["dueWarningMinutes"] = 0;
        d["escalation"]!["acknowledgeWithinMinutes"] = 1;
        d["escalation"]!["repeatedIncidents"]!["types"] = new JsonArray();
    });

    public static (double Lon, double Lat) PointIn(string countyId) => countyId == GuanxianId ? GuanxianPoint : ShenxianPoint;

    /// <summary>
    /// Files an incident in a county with an address and a caller's number no other incident has: the things a
    /// refusal must never give away, so a test can look for them in every answer and every pushed frame.
    /// </summary>
    public static async Task<FiledIncident> FileIncident(HttpClient api, string countyId, bool mass = false)
    {
        int n = Interlocked.Increment(ref serial);
        string address = $"{(countyId == GuanxianId ? "冠" : "莘")}测试路{n}号-{Guid.NewGuid().ToString("N")[..8]}";
        string phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var (lon, lat) = PointIn(countyId);
        var response = await api.PostAsJsonAsync("/api/incidents", new
        {
            channel = 110,
            type = mass ? "massIncident" : "publicOrder",
            lon,
            lat,
            address,
            description = "访问测试",
            callerPhone = phone,
            crowdSize = mass ? 300 : (int?)null,
            cause = mass ? "labourDispute" : null,
        });
        var detail = await CommandApp.Read<IncidentDetail>(response, HttpStatusCode.Created);
        Assert.True(detail.JurisdictionChain.Any(j => j.Id == countyId), $"The incident at {lon},{lat} was placed in {detail.JurisdictionId}, not in {countyId}.");
        return new FiledIncident(detail.Id, countyId, address, phone);
    }

    /// <summary>Moves the clock to <paramref name="at"/> and waits until each incident has an escalation at
    /// <paramref name="level"/>; returns those escalations by incident.</summary>
    public static async Task<Dictionary<string, EscalationView>> ClimbTo(CommandApp app, HttpClient leader, DateTimeOffset at,
        IReadOnlyCollection<string> incidentIds, Abstractions.Jurisdictions.JurisdictionLevel level)
    {
        app.Time.SetUtcNow(at);
        var all = await Eventually.Get(() => CommandApp.Get<List<EscalationView>>(leader, "/api/escalations"),
            list => incidentIds.All(id => list.Any(e => e.IncidentId == id && e.Level == level)),
            $"{incidentIds.Count} incidents to be escalated to the {level} at {at:O}");
        return all.Where(e => e.Level == level && incidentIds.Contains(e.IncidentId)).ToDictionary(e => e.IncidentId);
    }
}

/// <summary>An incident a test filed, with the details only those who may see it should ever read.</summary>
public sealed record FiledIncident(string Id, string CountyId, string Address, string CallerPhone)
{
    public string[] Secrets => [Address, CallerPhone];
}
