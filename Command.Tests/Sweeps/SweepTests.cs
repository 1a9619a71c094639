using System.Net;
using Command.Abstractions.Sweeps;
using Command.Silo.Storage;
using Command.Tests.Support;

namespace Command.Tests.Sweeps;

/// <summary>排查与零报告: a township every half month, a village every week; a period that ends unreported is 逾期未报 and
/// goes up to the parent level; a late report is 迟报 and the mark stays.</summary>
public sealed class SweepTests() : AppTest(new CommandApp(sweepClock: true))
{
    private const string Township = "371525-t01", Village = "371525-t01-v01", Neighbour = "371525-t01-v02";

    /// <summary>The test clock's Saturday 21 November falls in the week from Monday 16 November; it ends at midnight
    /// into Monday 23 November, Beijing time.</summary>
    private static readonly DateTimeOffset WeekStart = new(2026, 11, 16, 0, 0, 0, TimeSpan.FromHours(8)), WeekDue = WeekStart.AddDays(7);

    private static Task<HttpResponseMessage> Report(HttpClient client, string jurisdictionId, object body) =>
        CommandApp.Post(client, $"/api/jurisdictions/{jurisdictionId}/sweeps", body);

    private static async Task<SweepHistory> Reported(HttpClient client, string jurisdictionId, object body) =>
        await CommandApp.Read<SweepHistory>(await Report(client, jurisdictionId, body));

    private static async Task<SweepStatus> Row(HttpClient client, string jurisdictionId, string? of = null) =>
        Assert.Single(await CommandApp.Get<List<SweepStatus>>(client, "/api/sweeps" + (of is null ? "" : $"?jurisdictionId={of}")), r => r.JurisdictionId == jurisdictionId);

    private static Task<SweepStatus> Eventually(HttpClient client, string jurisdictionId, string state) =>
        Support.Eventually.Get(() => Row(client, jurisdictionId), r => r.State == state, $"{jurisdictionId} to be {state}");

    [Fact]
    public async Task AVillageReportsAZeroReportInTimeAndItsTownshipSeesIt()
    {
        var village = app.Api("lt.leader");
        var township = app.Api("gcg.leader");
        Assert.Equal(("pending", "待报", WeekStart, WeekDue, 7), await Row(township, Village) is var r ? (r.State, r.StateText, r.PeriodStart, r.DueAt, r.PeriodDays) : default);

        var zero = await Reported(village, Village, new { nil = true, text = "" });
        Assert.Equal(("zeroReport", "零报告"), (zero.Status.State, zero.Status.StateText));
        var period = Assert.Single(zero.Periods);
        Assert.Equal((WeekStart, WeekDue, true, 0, false, "领导:马丽(lt.leader)", (DateTimeOffset?)null), (period.Start, period.DueAt, period.Report!.Nil, period.Report.Found, period.Report.Late, period.Report.By, period.OverdueAt));

        var row = await Row(township, Village);
        Assert.Equal(("zeroReport", true), (row.State, row.LastReport!.Nil));
        Assert.Equal("吕堂社区", row.Name);
        Assert.Equal(("371525-t01", "冠城关街道"), (row.ParentId, row.ParentName));

        var twice = await CommandApp.Problem(await Report(village, Village, new { nil = true }), HttpStatusCode.Conflict);
        Assert.Contains("不能重复报送", ChineseRefusal.Check(twice));

        // The township's own schedule is every half month, and a county's desk sees the townships.
        var townshipRow = await Row(app.Api("gx.duty"), Township);
        Assert.Equal((15, "pending"), (townshipRow.PeriodDays, townshipRow.State));
    }

    [Fact]
    public async Task AMissedPeriodIsOverdueAtItsEndEscalatedToTheTownshipAndTheNextPeriodStarts()
    {
        var township = app.Api("gcg.leader");
        await using var console = await HubClient.ConnectAsync(app, await app.SignIn("gcg.leader"));
        await Reported(app.Api("lt.leader"), Village, new { nil = false, found = 1, text = "排查出邻里宅基地纠纷1起，已登记调解" });

        app.Time.SetUtcNow(WeekDue.AddMinutes(5));

        var overdue = await Eventually(township, Neighbour, "overdue");
        Assert.Equal(("逾期未报", WeekDue, WeekDue.AddDays(7), 1), (overdue.StateText, overdue.PeriodStart, overdue.DueAt, overdue.OverdueCount));
        var pushed = await console.ReceiveAsync("SweepChanged", s => s.GetProperty("jurisdictionId").GetString() == Neighbour && s.GetProperty("state").GetString() == "overdue");
        Assert.Equal("逾期未报", pushed.GetProperty("stateText").GetString());

        var history = await CommandApp.Get<SweepHistory>(township, $"/api/jurisdictions/{Neighbour}/sweeps");
        var missed = Assert.Single(history.Periods);
        Assert.Equal((WeekStart, (string?)Township, (string?)"冠城关街道", (SweepReport?)null), (missed.Start, missed.EscalatedTo, missed.EscalatedToName, missed.Report));
        Assert.NotNull(missed.OverdueAt);

        // The village that reported in time is simply waiting for its new week.
        var reported = await Row(township, Village);
        Assert.Equal(("pending", WeekDue, 0), (reported.State, reported.PeriodStart, reported.OverdueCount));
    }

    [Fact]
    public async Task ALateReportIsMarkedLateTheOverdueMarkStaysAndTheNextReportIsForTheNewPeriod()
    {
        var village = app.Api("lt.leader");
        app.Time.SetUtcNow(WeekDue.AddHours(3));
        await Eventually(village, Village, "overdue");

        var late = await Reported(village, Village, new { nil = true, text = "补报：上周排查未发现矛盾纠纷" });
        Assert.Equal("late", late.Status.State);
        var period = Assert.Single(late.Periods);
        Assert.Equal((WeekStart, true, true), (period.Start, period.Report!.Late, period.OverdueAt is not null));

        var current = await Reported(village, Village, new { nil = false, found = 2, text = "排查出劳资纠纷2起" });
        Assert.Equal(("reported", "已报", 2), (current.Status.State, current.Status.StateText, current.Periods.Count));
        Assert.Equal((WeekDue, false, 2), (current.Periods[0].Start, current.Periods[0].Report!.Late, current.Periods[0].Report!.Found));
        Assert.Equal(1, current.Status.OverdueCount);

        // The week after, a schedule that reported goes back to waiting; nothing more is marked.
        app.Time.SetUtcNow(WeekDue.AddDays(7).AddHours(1));
        var next = await Support.Eventually.Get(() => Row(village, Village), r => r.PeriodStart == WeekDue.AddDays(7), "the third week");
        Assert.Equal(("pending", 1), (next.State, next.OverdueCount));
    }

    [Fact]
    public async Task APeriodThatEndsWhileTheSiloIsDownIsMarkedWhenItComesBack()
    {
        var store = new MemoryStore();
        var time = TestClock.Create();
        await using (var before = new CommandApp(store, time: time, sweepClock: true))
        {
            await Reported(before.Api("lt.leader"), Village, new { nil = true });
        }

        time.SetUtcNow(WeekDue.AddHours(10));

        await using var after = new CommandApp(store, time: time, sweepClock: true);
        var township = after.Api("gcg.leader");
        var overdue = await Support.Eventually.Get(() => Row(township, Neighbour), r => r.State == "overdue", "the missed week after the restart");
        Assert.Equal(WeekDue, overdue.PeriodStart);
        var kept = await Row(township, Village);
        Assert.Equal(("pending", WeekDue, 0, true), (kept.State, kept.PeriodStart, kept.OverdueCount, kept.LastReport!.Nil));
    }

    [Fact]
    public async Task OnlyTheJurisdictionAndItsParentReportAndOtherCountiesSeeNothing()
    {
        var other = await CommandApp.Problem(await app.Api("sx.duty").GetAsync($"/api/jurisdictions/{Village}/sweeps"), HttpStatusCode.NotFound);
        Assert.Contains("找不到这个辖区", ChineseRefusal.Check(other));
        await CommandApp.Problem(await app.Api("sx.leader").GetAsync($"/api/sweeps?jurisdictionId={Township}"), HttpStatusCode.NotFound);
        await CommandApp.Problem(await Report(app.Api("sx.duty"), Village, new { nil = true }), HttpStatusCode.NotFound);

        var county = await CommandApp.Problem(await Report(app.Api("gx.duty"), Village, new { nil = true }), HttpStatusCode.Forbidden);
        Assert.Contains("不能代报", ChineseRefusal.Check(county));
        var sibling = await CommandApp.Problem(await Report(app.Api("lt.leader"), Neighbour, new { nil = true }), HttpStatusCode.NotFound);
        ChineseRefusal.Check(sibling);

        // The township's leader may report for its village, and the county's for its township.
        Assert.Equal("zeroReport", (await Reported(app.Api("gcg.leader"), Neighbour, new { nil = true })).Status.State);
        Assert.Equal("reported", (await Reported(app.Api("gx.leader"), Township, new { nil = false, found = 3, text = "全镇排查出纠纷3起" })).Status.State);

        var countyLevel = await CommandApp.Problem(await Report(app.Api("gx.duty"), "371525", new { nil = true }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("不报送排查情况", ChineseRefusal.Check(countyLevel));
        await CommandApp.Problem(await app.Api("lc.duty").GetAsync("/api/jurisdictions/371500/sweeps"), HttpStatusCode.UnprocessableEntity);
        await CommandApp.Problem(await Report(app.Api("gx.duty"), "no-such-place", new { nil = true }), HttpStatusCode.NotFound);

        // The city's desk sees every township of every county; a village's desk sees only itself.
        var city = await CommandApp.Get<List<SweepStatus>>(app.Api("lc.duty"), "/api/sweeps");
        Assert.Contains(city, r => r.JurisdictionId == Township);
        Assert.All(city, r => Assert.Equal("township", r.Level));
        Assert.Equal([Village], (await CommandApp.Get<List<SweepStatus>>(app.Api("lt.leader"), "/api/sweeps")).Select(r => r.JurisdictionId));
    }

    [Fact]
    public async Task AReportNamesTheLedgersDisputesEachCountsAsFoundAndTheRecordKeepsThem()
    {
        var village = app.Api("lt.leader");
        var registered = new List<string>();
        foreach (var cause in new[] { "homestead", "neighbour" })
        {
            var response = await CommandApp.Post(village, "/api/disputes", new
            {
                parties = new[] { new { name = "张三", role = "applicant" }, new { name = "李四", role = "respondent" } },
                cause, description = "排查中发现，已登记", lon = 115.45, lat = 36.49, level = "ordinary",
            });
            registered.Add((await CommandApp.Read<Command.Abstractions.Disputes.DisputeView>(response, HttpStatusCode.Created)).Id);
        }

        // Naming two disputes and saying one was found contradicts itself.
        var fewer = await CommandApp.Problem(await Report(village, Village, new { nil = false, found = 1, text = "排查出2起", disputeIds = registered }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("关联了2起", ChineseRefusal.Check(fewer));
        Assert.Empty((await CommandApp.Get<SweepHistory>(village, $"/api/jurisdictions/{Village}/sweeps")).Periods);

        var reported = await Reported(village, Village, new { nil = false, found = 3, text = "排查出3起，2起已登记", disputeIds = registered.Append(registered[0]) });
        var report = Assert.Single(reported.Periods).Report!;
        Assert.Equal((3, false), (report.Found, report.Nil));
        Assert.Equal(registered, report.DisputeIds);
        Assert.Equal("reported", (await Row(app.Api("gcg.leader"), Village)).State);
    }

    [Fact]
    public async Task AReportThatContradictsItselfOrSaysNothingIsRefusedInChineseAndNothingIsRecorded()
    {
        var village = app.Api("lt.leader");
        Assert.Contains("零报告", ChineseRefusal.Check(await CommandApp.Problem(await Report(village, Village, new { nil = true, found = 2, text = "x" }), HttpStatusCode.UnprocessableEntity)));
        Assert.Contains("排查情况", ChineseRefusal.Check(await CommandApp.Problem(await Report(village, Village, new { nil = false, found = 1, text = "  " }), HttpStatusCode.UnprocessableEntity)));
        Assert.Contains("排查发现数", ChineseRefusal.Check(await CommandApp.Problem(await Report(village, Village, new { nil = false, text = "有纠纷" }), HttpStatusCode.UnprocessableEntity)));
        Assert.Contains("最多只能保存2000个字", ChineseRefusal.Check(await CommandApp.Problem(await Report(village, Village, new { nil = false, found = 1, text = new string('纠', 2001) }), HttpStatusCode.UnprocessableEntity)));
        Assert.Contains("零报告", ChineseRefusal.Check(await CommandApp.Problem(await Report(village, Village, new { text = "无" }), HttpStatusCode.UnprocessableEntity)));
        Assert.Contains("矛盾纠纷台账", ChineseRefusal.Check(await CommandApp.Problem(await Report(village, Village, new { nil = false, found = 1, text = "有", disputeIds = new[] { "nope" } }), HttpStatusCode.UnprocessableEntity)));
        Assert.Empty((await CommandApp.Get<SweepHistory>(village, $"/api/jurisdictions/{Village}/sweeps")).Periods);
        Assert.Equal("pending", (await Row(village, Village)).State);
    }
}
