using System.Net;
using Command.Abstractions.Escalation;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Tests.Support;

namespace Command.Tests.Escalation;

/// <summary>重大案件报告: a severity I or II case reports in writing within 24 hours and its inquiry within a month, even
/// after 办结; a report not in by then is overdue on the record and escalates.</summary>
public sealed class MajorCaseReportTests : AppTest
{
    private async Task<IncidentDetail> ArmedAssaultAsync()
    {
        var incident = await app.CreateIncident(api, type: "criminal");
        return await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/severity", new { severity = 2, reason = "持械伤人" }));
    }

    private Task<List<TimelineEntry>> Timeline(IncidentDetail incident) => CommandApp.Get<List<TimelineEntry>>(api, $"/api/incidents/{incident.Id}/timeline");

    private Task<HttpResponseMessage> Report(IncidentDetail incident, string kind, string text) =>
        CommandApp.Post(api, $"/api/incidents/{incident.Id}/reports", new { kind, text });

    [Fact]
    public async Task AWrittenReportNotInWithin24HoursIsOverdueAndEscalates()
    {
        var t0 = app.Time.GetUtcNow();
        var incident = await ArmedAssaultAsync();
        var township = Assert.Single(await CommandApp.Get<List<EscalationView>>(api, "/api/escalations"));
        await CommandApp.Read<EscalationView>(await CommandApp.Post(app.Api("gcg.leader"), $"/api/escalations/{township.Id}/ack", new { }));

        app.Time.SetUtcNow(t0.AddHours(24));

        var overdue = await Eventually.Get(async () => (await Timeline(incident)).Where(e => e.Kind == "majorReportOverdue").ToList(), l => l.Count == 1, "the overdue written report");
        Assert.Equal("writtenReport", overdue[0].Data.GetProperty("kind").GetString());
        var county = (await CommandApp.Get<List<EscalationView>>(api, "/api/escalations")).Single(e => e.Id != township.Id);
        Assert.Equal((EscalationTriggers.ReportOverdue, JurisdictionLevel.County), (county.Trigger, county.Level));
        Assert.Contains("24小时内书面报告逾期未报", county.Reason);

        // Late is on the record: the report is taken, and the overdue mark stays.
        var late = await CommandApp.Read<IncidentDetail>(await Report(incident, "writtenReport", "关于冠城关街道持械伤人案件的书面报告……"));
        Assert.Single(await Timeline(incident), e => e.Kind == "majorReportOverdue");
        var written = late.MajorReports.Single(r => r.Kind == "writtenReport");
        Assert.Equal((t0.AddHours(24), t0.AddHours(24), true), (written.DueAt, written.SubmittedAt, written.Overdue));
    }

    [Fact]
    public async Task AReportInTimeIsNeverOverdue()
    {
        var t0 = app.Time.GetUtcNow();
        var incident = await ArmedAssaultAsync();
        await CommandApp.Read<IncidentDetail>(await Report(incident, "writtenReport", "书面报告：案件基本情况、处置经过、下一步措施。"));

        app.Time.SetUtcNow(t0.AddHours(25));

        var detail = await CommandApp.Get<IncidentDetail>(api, $"/api/incidents/{incident.Id}");
        Assert.DoesNotContain(await Timeline(incident), e => e.Kind == "majorReportOverdue");
        // What the case panel counts down: the written report in, on time; the inquiry due a month from the upgrade.
        Assert.Equal([("writtenReport", t0.AddHours(24), (DateTimeOffset?)t0, false), ("inquiryReport", t0.AddDays(30), null, false)],
            detail.MajorReports.Select(r => (r.Kind, r.DueAt, r.SubmittedAt, r.Overdue)));
        Assert.DoesNotContain(detail.Escalations!, e => e.Trigger == EscalationTriggers.ReportOverdue);
    }

    [Fact]
    public async Task TheMonthsInquiryIsOwedAfterTheCaseIsClosedAndEscalatesWhenMissed()
    {
        var t0 = app.Time.GetUtcNow();
        var incident = await ArmedAssaultAsync();
        await CommandApp.Read<IncidentDetail>(await Report(incident, "writtenReport", "书面报告已报送县委政法委。"));
        await CommandApp.Read<IncidentDetail>(await CommandApp.Post(api, $"/api/incidents/{incident.Id}/close", new { resolution = "嫌疑人已抓获，伤者送医" }));
        // Other reports end with the case; the major case's own do not.
        await CommandApp.Problem(await Report(incident, "informationReport", "补报"), HttpStatusCode.Conflict);

        app.Time.SetUtcNow(t0.AddDays(30));
        api = app.WithToken(await app.SignIn("lc.duty")); // a month on, the morning's token has expired

        var overdue = await Eventually.Get(async () => (await Timeline(incident)).Where(e => e.Kind == "majorReportOverdue").ToList(), l => l.Count == 1, "the overdue inquiry");
        Assert.Equal("inquiryReport", overdue[0].Data.GetProperty("kind").GetString());
        var raised = (await CommandApp.Get<List<EscalationView>>(api, "/api/escalations?open=true")).Single(e => e.IncidentId == incident.Id);
        Assert.Equal(EscalationTriggers.ReportOverdue, raised.Trigger);
        Assert.Contains("调查处理报告", raised.Reason);

        var late = await CommandApp.Read<IncidentDetail>(await Report(incident, "inquiryReport", "调查结果：……；整改措施：……；责任追究：……"));
        Assert.Equal(IncidentStatus.Closed, late.Status);
        Assert.Single(await Timeline(incident), e => e.Kind == "reportSubmitted" && e.Data.GetProperty("kind").GetString() == "inquiryReport");
    }

    [Fact]
    public async Task AnOrdinaryCaseOwesNoneOfThem()
    {
        var t0 = app.Time.GetUtcNow();
        var incident = await app.CreateIncident(api, type: "dispute");

        app.Time.SetUtcNow(t0.AddDays(31));
        api = app.WithToken(await app.SignIn("lc.duty"));

        Assert.DoesNotContain(await Timeline(incident), e => e.Kind == "majorReportOverdue");
        Assert.Empty(await CommandApp.Get<List<EscalationView>>(api, "/api/escalations"));
    }
}
