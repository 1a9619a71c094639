using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Abstractions.Statistics;
using Command.Tests.Support;
using static Command.Tests.Access.TwoCounties;

namespace Command.Tests.Statistics;

/// <summary>
/// 统计研判 over HTTP: cases made through the API (dispatched, arrived, overdue, a mass incident with a breach and an
/// acknowledged escalation, a 矛盾激化 village), then every figure of GET /api/statistics recomputed here from each case's
/// timeline, never from the server's own read model.
/// </summary>
public sealed class StatisticsTests : IAsyncLifetime
{
    /// <summary>The first team is due a minute after a mass incident opens; a step waits 5 minutes for its 签收. The
    /// repeated-incident rule is the built-in one: the third dispute of a village within 7 days.</summary>
    private static readonly Silo.Escalation.CommandRules Rules = TestRules.With(d =>
    {
        d["milestones"] = new JsonArray(
            new JsonObject { ["name"] = "firstTeamOnScene", ["title"] = "首支处置力量到场", ["dueMinutes"] = 1, ["metBy"] = "teamOnScene" },
            new JsonObject { ["name"] = "writtenReport", ["title"] = "24小时内书面报告", ["dueMinutes"] = 1440, ["metBy"] = "report", ["reportKind"] = "writtenReport" });
        d["milestoneOverrides"] = new JsonArray();
        d["dueWarningMinutes"] = 0;
        d["escalation"]!["acknowledgeWithinMinutes"] = 5;
    });

    private readonly CommandApp app = new(rules: Rules);
    private HttpClient duty = null!;
    private HttpClient leader = null!;

    public Task InitializeAsync()
    {
        duty = app.Api("gx.duty");
        leader = app.Api("gx.leader");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<IncidentDetail> Call(HttpClient api, object body) =>
        await CommandApp.Read<IncidentDetail>(await api.PostAsJsonAsync("/api/incidents", body), HttpStatusCode.Created);

    private async Task<string> Dispatch(IncidentDetail incident)
    {
        // Any free team of the county: a mass incident's recommendations ask for equipment the demo teams nearby may lack.
        string team = (await CommandApp.Get<List<TeamView>>(duty, "/api/teams")).First(t => t.Status == TeamStatus.Available && t.Mode != TeamMode.Checkpoint).Id;
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{incident.Id}/assignments", new { teamId = team }));
        return team;
    }

    private async Task Arrive(IncidentDetail incident, string team)
    {
        await CommandApp.Read<TeamView>(await CommandApp.Post(duty, $"/api/teams/{team}/status", new { status = "onScene" }));
        await Eventually.Get(() => CommandApp.Get<IncidentDetail>(duty, $"/api/incidents/{incident.Id}"),
            d => d.Assignments.Any(a => a.TeamId == team && a.OnSceneAt is not null), "the team to be recorded on scene");
    }

    /// <summary>冠县's cases of the day: a fight dispatched and arrived, a crash dispatched only after its deadline, a
    /// labour-dispute crowd of 300 (severity II) whose first team came late, and three disputes in one village.</summary>
    private async Task<(IncidentDetail Fight, IncidentDetail Crash, IncidentDetail Crowd, IncidentDetail[] Disputes, IncidentDetail Shenxian)> Day()
    {
        var (lon, lat) = GuanxianPoint;
        var fight = await Call(duty, new { channel = 110, type = "publicOrder", lon, lat, address = "冠县清泉街18号" });
        app.Time.Advance(TimeSpan.FromSeconds(95));
        await Arrive(fight, await Dispatch(fight));

        var crash = await Call(duty, new { channel = 122, type = "traffic", lon, lat, address = "冠县振兴路口" });
        app.Time.Advance(TimeSpan.FromMinutes(11)); // past its dispatch deadline
        await Eventually.Get(() => CommandApp.Get<IncidentDetail>(duty, $"/api/incidents/{crash.Id}"), d => d.DispatchOverdueAt is not null, "派警超时");
        string crashTeam = await Dispatch(crash);

        var crowd = await Call(duty, new { channel = 110, type = "massIncident", crowdSize = 300, cause = "labourDispute", lon, lat, address = "冠县工业园" });
        string crowdTeam = await Dispatch(crowd);
        app.Time.Advance(TimeSpan.FromSeconds(70)); // the first team is late: breached, and the township is told
        var step = await Eventually.Get(() => CommandApp.Get<List<EscalationView>>(leader, "/api/escalations"),
            list => list.Any(e => e.IncidentId == crowd.Id), "the breach to escalate");
        app.Time.Advance(TimeSpan.FromSeconds(40));
        await CommandApp.Read<EscalationView>(await leader.PostAsync($"/api/escalations/{step.Single(e => e.IncidentId == crowd.Id).Id}/ack", null));
        await Arrive(crowd, crowdTeam);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await Arrive(crash, crashTeam);

        var disputes = new IncidentDetail[3];
        for (int i = 0; i < disputes.Length; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(3));
            disputes[i] = await Call(duty, new { channel = 110, type = "dispute", lon, lat, address = "冠县清泉街20号" });
        }
        await Eventually.Get(() => CommandApp.Get<List<EscalationView>>(leader, "/api/escalations"),
            list => list.Any(e => e.IncidentId == disputes[2].Id), "the third dispute to escalate (矛盾激化)");

        var (slon, slat) = ShenxianPoint;
        var shenxian = await Call(app.Api("sx.duty"), new { channel = 119, type = "fire", lon = slon, lat = slat, address = "莘县某厂" });
        return (fight, crash, crowd, disputes, shenxian);
    }

    [Fact]
    public async Task TheFiguresAreThoseRecomputedFromEveryCasesTimeline()
    {
        var day = await Day();
        const string Period = "from=2026-11-21&to=2026-11-21";

        var report = await CommandApp.Get<StatisticsReport>(leader, $"/api/statistics?jurisdiction={GuanxianId}&{Period}");
        var cases = await CommandApp.Get<List<IncidentSummary>>(duty, $"/api/incidents?jurisdictionId={GuanxianId}");
        var timelines = new List<Recomputed>();
        foreach (var incident in cases)
        {
            timelines.Add(Recomputed.From(await CommandApp.Get<List<TimelineEntry>>(duty, $"/api/incidents/{incident.Id}/timeline")));
        }
        var expected = Recomputed.Report(timelines, Rules);

        Assert.Equal(6, report.Cases.Total);
        Assert.Equal(expected.Total, report.Cases.Total);
        Assert.Equal(expected.ByChannel, report.Cases.ByChannel.Where(p => p.Value > 0).ToDictionary());
        Assert.Equal(expected.ByType, report.Cases.ByType.Where(p => p.Value > 0).ToDictionary());
        Assert.Equal(expected.BySeverity, report.Cases.BySeverity.Where(p => p.Value > 0).ToDictionary());
        Assert.Equal(expected.ByHour, report.Cases.ByHour);
        Assert.Equal(expected.Dispatch, report.Dispatch);
        Assert.Equal(expected.Arrival, report.Arrival);
        Assert.Equal(expected.GoldenWindow, report.GoldenWindow);
        Assert.Equal(expected.Escalations, report.Escalations);
        Assert.Equal(expected.RepeatPlaces, report.RepeatPlaces.Select(p => (p.JurisdictionId, p.Cause, p.Count, p.LastAt)));

        // What the day was made of, so that the comparison above compares something.
        Assert.Equal((3, 3, 1), (report.Dispatch.Count, report.Arrival.Count, report.Dispatch.Overdue));
        Assert.Equal((1, 2, 1), (report.GoldenWindow.MassIncidents, report.GoldenWindow.Milestones, report.GoldenWindow.Breaches));
        Assert.Equal(2, report.Escalations.Raised);
        Assert.Equal(1, report.Escalations.Acknowledged);
        // Raised when the breach was taken (the clock jumped from the call to 70 s, past the minute it was due), signed
        // for 110 s in.
        Assert.Equal(40, report.Escalations.MedianAckSeconds);
        var place = Assert.Single(report.RepeatPlaces);
        Assert.Equal(("dispute", 3), (place.Cause, place.Count));
        Assert.Equal(day.Disputes[0].JurisdictionChain.Single(j => j.Level == JurisdictionLevel.Village).Id, place.JurisdictionId);
        Assert.Equal("冠县", report.JurisdictionName);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(8)), report.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(8)), report.To);
        // Each township's share adds up to the county.
        Assert.Equal(report.Cases.Total, report.Children.Sum(c => c.Total));
        Assert.All(report.Children, c => Assert.Equal(JurisdictionLevel.Township, c.Level));

        // The city's duty officer sees both counties; 冠县's own figures are the same from there.
        var city = await CommandApp.Get<StatisticsReport>(app.Api("lc.duty"), $"/api/statistics?{Period}");
        Assert.Equal(JurisdictionMapCityId, city.JurisdictionId);
        Assert.Equal(7, city.Cases.Total);
        Assert.Equal(6, city.Children.Single(c => c.JurisdictionId == GuanxianId).Total);
        Assert.Equal(1, city.Children.Single(c => c.JurisdictionId == ShenxianId).Total);
        Assert.Equal(report.Dispatch.MedianSeconds, city.Children.Single(c => c.JurisdictionId == GuanxianId).DispatchMedianSeconds);

        // A period the day is not in counts nothing.
        var before = await CommandApp.Get<StatisticsReport>(leader, "/api/statistics?from=2026-11-01&to=2026-11-20");
        Assert.Equal(0, before.Cases.Total);
        Assert.Null(before.Dispatch.MedianSeconds);
    }

    private const string JurisdictionMapCityId = CityId;

    [Fact]
    public async Task TheScorecardFlagsAMajorMassIncidentAndItsMissingReportAndALateOne()
    {
        var day = await Day();
        var (lon, lat) = GuanxianPoint;
        var robbery = await Call(duty, new { channel = 110, type = "criminal", severity = 2, lon, lat, address = "冠县银行" });

        var scorecard = await CommandApp.Get<Scorecard>(app.Api("lc.leader"), "/api/statistics/scorecard?from=2026-11-21&to=2026-11-21");
        var guanxian = scorecard.Rows.Single(r => r.JurisdictionId == GuanxianId);
        Assert.Equal(JurisdictionLevel.County, guanxian.Level);
        Assert.Equal(7, guanxian.Cases);
        Assert.Equal(2, guanxian.MajorCases);
        Assert.Equal(2, guanxian.ReportsPending);
        Assert.Equal([("majorMassIncident", day.Crowd.Number)], guanxian.VetoFlags.Select(v => (v.Kind, v.Number)));
        Assert.Empty(scorecard.Rows.Single(r => r.JurisdictionId == ShenxianId).VetoFlags);
        Assert.Equal(scorecard.Rows.Sum(r => r.Cases), scorecard.Total.Cases);
        Assert.Equal(8, scorecard.Total.Cases);

        // A day later: the crowd's written report never came; the robbery's came an hour late.
        app.Time.Advance(TimeSpan.FromHours(25));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(duty, $"/api/incidents/{robbery.Id}/reports", new { kind = "writtenReport", text = "关于冠县银行抢劫案的书面报告" }));

        // The breach of the crowd's 24-hour milestone is journaled by its deadline, which runs on its own after the clock moved.
        scorecard = (await Eventually.Get(() => CommandApp.Get<Scorecard>(leader, "/api/statistics/scorecard?from=2026-11-21&to=2026-11-21"),
            s => s!.Total.Breaches == 2, "the crowd's 24-hour written-report milestone breached"))!;
        Assert.Equal("冠县", scorecard.JurisdictionName);
        Assert.All(scorecard.Rows, r => Assert.Equal(JurisdictionLevel.Township, r.Level));
        var total = scorecard.Total;
        Assert.Equal((0, 1, 1, 0), (total.ReportsOnTime, total.ReportsLate, total.ReportsMissing, total.ReportsPending));
        Assert.Equal(
            new[] { ("majorMassIncident", day.Crowd.Number), ("reportMissing", day.Crowd.Number), ("reportLate", robbery.Number) }.Order(),
            total.VetoFlags.Select(v => (v.Kind, v.Number)).Order());
        Assert.Equal(1, total.RepeatPlaces);
        // The 24-hour report is a golden-window milestone of the crowd too, breached by now.
        Assert.Equal((1, 1, 2, 2), (total.MassIncidents, total.MajorMassIncidents, total.Milestones, total.Breaches));
        Assert.Equal(1.0, total.BreachRate);
        Assert.Equal(total.Cases, scorecard.Rows.Sum(r => r.Cases));
    }

    [Fact]
    public async Task TheScorecardExportsAsCsvThatExcelOpensAsUtf8()
    {
        await Day();

        using var response = await app.Api("lc.leader").GetAsync("/api/statistics/scorecard.csv?from=2026-11-21&to=2026-11-21");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("scorecard-371500-20261121-20261121.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        string[] lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', Silo.Statistics.ScorecardCsv.Headers), lines[0]);
        var scorecard = await CommandApp.Get<Scorecard>(app.Api("lc.leader"), "/api/statistics/scorecard?from=2026-11-21&to=2026-11-21");
        Assert.Equal(scorecard.Rows.Count + 2, lines.Length);
        string guanxian = lines.Single(l => l.StartsWith(GuanxianId + ",", StringComparison.Ordinal));
        string[] cells = guanxian.Split(',');
        Assert.Equal(Silo.Statistics.ScorecardCsv.Headers.Length, cells.Length);
        Assert.Equal(("冠县", "6"), (cells[1], cells[3]));
        Assert.StartsWith("发生重大及以上群体性事件 LC-", cells[Array.IndexOf(Silo.Statistics.ScorecardCsv.Headers, "一票否决风险")]);
        Assert.StartsWith("371500,聊城市（合计）,市,7,", lines[^1]);
    }

    [Fact]
    public async Task AfterARestartTheFiguresAreRebuiltFromTheSnapshots()
    {
        await Day();
        const string Query = "/api/statistics?from=2026-11-21&to=2026-11-21";
        string before = await leader.GetStringAsync(Query);
        string scorecard = await leader.GetStringAsync("/api/statistics/scorecard?from=2026-11-21&to=2026-11-21");

        await app.DisposeAsync();
        await using var restarted = new CommandApp(store: app.Store, rules: Rules, time: app.Time);
        var api = restarted.Api("gx.leader");

        Assert.Equal(before, await api.GetStringAsync(Query));
        Assert.Equal(scorecard, await api.GetStringAsync("/api/statistics/scorecard?from=2026-11-21&to=2026-11-21"));
        Assert.Equal(6, JsonDocument.Parse(before).RootElement.GetProperty("cases").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("冠县,莘县", "\"冠县,莘县\"")]
    [InlineData("第\n二行", "\"第\n二行\"")]
    [InlineData("聊城市", "聊城市")]
    [InlineData("", "")]
    public void ACsvCellCannotBecomeAFormulaAndIsQuotedWhenItMustBe(string value, string written) =>
        Assert.Equal(written, Silo.Statistics.ScorecardCsv.Cell(value));

    [Theory]
    [InlineData("from=yesterday", 422)]
    [InlineData("from=2026-02-30", 422)]
    [InlineData("to=2026-13-01", 422)]
    [InlineData("from=2026-11-22&to=2026-11-21", 422)]
    [InlineData("from=2026-11-21T10:00:00%2B08:00&to=2026-11-21T10:00:00%2B08:00", 422)]
    [InlineData("from=2025-01-01&to=2026-11-21", 422)]
    [InlineData("from=0001-01-01&to=0001-01-02", 422)]
    [InlineData("from=9999-12-30&to=9999-12-31", 422)]
    [InlineData("jurisdiction=999999", 404)]
    [InlineData("jurisdiction=371522", 404)]
    public async Task ABadPeriodOrAJurisdictionOutsideTheCallersIsRefusedInChinese(string query, int status)
    {
        foreach (string path in new[] { "/api/statistics", "/api/statistics/scorecard", "/api/statistics/scorecard.csv" })
        {
            var problem = await CommandApp.Problem(await leader.GetAsync($"{path}?{query}"), (HttpStatusCode)status);
            string detail = problem.GetProperty("detail").GetString()!;
            Assert.DoesNotMatch("[A-Za-z]{3,}", detail.Replace("T08:00:00", "", StringComparison.Ordinal));
            Assert.DoesNotContain("莘县", detail);
        }
    }

    [Fact]
    public async Task OnlyLeadersAndDutyOfficersReadStatisticsAndAYearIsAllowed()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api("gx.patrol").GetAsync("/api/statistics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api("admin").GetAsync("/api/statistics/scorecard")).StatusCode);
        var year = await CommandApp.Get<StatisticsReport>(duty, "/api/statistics?from=2025-11-22&to=2026-11-21");
        Assert.Equal(GuanxianId, year.JurisdictionId);
        var defaults = await CommandApp.Get<StatisticsReport>(duty, "/api/statistics");
        Assert.Equal(new DateTimeOffset(2026, 10, 23, 0, 0, 0, TimeSpan.FromHours(8)), defaults.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(8)), defaults.To);
        Assert.Equal(24, defaults.Cases.ByHour.Count);
    }

    /// <summary>One case as its timeline tells it, by the definitions the README gives for each figure.</summary>
    private sealed record Recomputed(
        DateTimeOffset ReceivedAt, string Channel, string Type, string Severity, string Cause, string? Village,
        int? DispatchSeconds, int? ArrivalSeconds, bool Overdue, bool Mass, int Milestones, int Breaches,
        List<(DateTimeOffset Raised, DateTimeOffset? Acknowledged)> Escalations)
    {
        public static Recomputed From(List<TimelineEntry> timeline)
        {
            var received = timeline.First(e => e.Kind == "received");
            var call = received.Data.GetProperty("call");
            DateTimeOffset? First(string kind, Func<JsonElement, bool>? where = null) =>
                timeline.FirstOrDefault(e => e.Kind == kind && (where is null || where(e.Data)))?.At;
            int? Seconds(DateTimeOffset? at) => at is { } t ? (int)Math.Floor((t - received.At).TotalSeconds) : null;
            var mass = timeline.FirstOrDefault(e => e.Kind == "massDeclared");
            string type = mass is not null ? "massIncident"
                : timeline.LastOrDefault(e => e.Kind == "typeChanged")?.Data.GetProperty("to").GetString() ?? call.GetProperty("type").GetString()!;
            int severity = timeline.LastOrDefault(e => e.Kind == "severityChanged")?.Data.GetProperty("to").GetInt32() ?? call.GetProperty("severity").GetInt32();
            string cause = call.TryGetProperty("cause", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : call.GetProperty("type").GetString()!;
            string? village = received.Data.GetProperty("placement").GetProperty("chain").EnumerateArray()
                .FirstOrDefault(j => j.GetProperty("level").GetString() == "village") is { ValueKind: JsonValueKind.Object } v ? v.GetProperty("id").GetString() : null;
            var escalations = timeline.Where(e => e.Kind == "escalationRaised").Select(e =>
            {
                var escalation = e.Data.GetProperty("escalation");
                string id = escalation.GetProperty("id").GetString()!;
                return (escalation.GetProperty("raisedAt").GetDateTimeOffset(),
                    First("escalationAcknowledged", d => d.GetProperty("escalationId").GetString() == id));
            }).ToList();
            return new Recomputed(received.At, call.GetProperty("channel").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), type,
                severity.ToString(System.Globalization.CultureInfo.InvariantCulture), cause, village,
                Seconds(First("teamAssigned")), Seconds(First("teamStatus", d => d.GetProperty("status").GetString() == "onScene")),
                timeline.Any(e => e.Kind == "dispatchOverdue"), mass is not null,
                mass?.Data.GetProperty("milestones").GetArrayLength() ?? 0,
                timeline.Where(e => e.Kind == "milestoneBreached").Select(e => e.Data.GetProperty("name").GetString()).Distinct().Count(),
                escalations);
        }

        /// <summary>Nearest rank: the value at rank ⌈p·n/100⌉ of the sorted values.</summary>
        private static int? Rank(List<int> values, int percent)
        {
            if (values.Count == 0)
            {
                return null;
            }
            values.Sort();
            return values[(int)Math.Ceiling(percent * values.Count / 100.0) - 1];
        }

        public static Expected Report(List<Recomputed> cases, Silo.Escalation.CommandRules rules)
        {
            var dispatch = cases.Where(c => c.DispatchSeconds is not null).Select(c => c.DispatchSeconds!.Value).ToList();
            var arrival = cases.Where(c => c.ArrivalSeconds is not null).Select(c => c.ArrivalSeconds!.Value).ToList();
            var steps = cases.SelectMany(c => c.Escalations).ToList();
            var ack = steps.Where(s => s.Acknowledged is not null).Select(s => (int)Math.Floor((s.Acknowledged!.Value - s.Raised).TotalSeconds)).ToList();
            var repeatTypes = rules.RepeatedTypes.Select(t => JsonNamingPolicy.CamelCase.ConvertName(t.ToString())).ToHashSet();
            var places = cases.Where(c => c.Village is not null && repeatTypes.Contains(c.Type))
                .GroupBy(c => (c.Village!, c.Cause))
                .Where(g => g.Count() >= rules.RepeatedCount)
                .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(c => c.ReceivedAt))
                .Select(g => (g.Key.Item1, g.Key.Cause, g.Count(), g.Max(c => c.ReceivedAt)))
                .ToList();
            var hours = new int[24];
            foreach (var c in cases)
            {
                hours[c.ReceivedAt.ToOffset(TimeSpan.FromHours(8)).Hour]++;
            }
            return new Expected(
                cases.Count,
                cases.GroupBy(c => c.Channel).ToDictionary(g => g.Key, g => g.Count()),
                cases.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Count()),
                cases.GroupBy(c => c.Severity).ToDictionary(g => g.Key, g => g.Count()),
                hours,
                new DispatchFigures(dispatch.Count, Rank(dispatch, 50), Rank(dispatch, 90), cases.Count(c => c.Overdue)),
                new ArrivalFigures(arrival.Count, Rank(arrival, 50), Rank(arrival, 90)),
                new GoldenWindowFigures(cases.Count(c => c.Mass), cases.Sum(c => c.Milestones), cases.Sum(c => c.Breaches)),
                new EscalationFigures(steps.Count, ack.Count, steps.Count - ack.Count, Rank(ack, 50), Rank(ack, 90)),
                places);
        }
    }

    private sealed record Expected(
        int Total, Dictionary<string, int> ByChannel, Dictionary<string, int> ByType, Dictionary<string, int> BySeverity, int[] ByHour,
        DispatchFigures Dispatch, ArrivalFigures Arrival, GoldenWindowFigures GoldenWindow, EscalationFigures Escalations,
        List<(string, string, int, DateTimeOffset)> RepeatPlaces);
}
