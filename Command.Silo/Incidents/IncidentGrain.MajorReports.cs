using Command.Abstractions.Escalation;
using Command.Silo.Escalation;

namespace Command.Silo.Incidents;

/// <summary>
/// 重大案件报告: a case that has been severity I or II reports in writing within 24 hours of becoming one, and reports
/// its inquiry (调查结果、整改措施、责任追究情况) within a month. Both are durable deadlines that outlive 办结; one missed is
/// journaled as overdue, stays late on the record for 考核, and escalates like a breached milestone.
/// </summary>
public sealed partial class IncidentGrain
{
    private const string MajorReportDeadline = "major-report:";

    private bool majorReportsScheduled;

    /// <summary>After any change that may have made the case major. A mass incident's written report is its
    /// golden-window milestone, with a breach of its own: it is not chased twice.</summary>
    private async Task ScheduleMajorReports()
    {
        if (State.MajorSince is not { } since || majorReportsScheduled)
        {
            return;
        }
        majorReportsScheduled = true;
        if (State.WrittenReportAt is null && !State.OverdueReports.Contains(IncidentState.WrittenReportKind) && !HasWrittenReportMilestone())
        {
            await ScheduleDeadline(MajorReportDeadline + IncidentState.WrittenReportKind, since + CommandRules.MajorWrittenReportWithin);
        }
        if (State.InquiryReportAt is null && !State.OverdueReports.Contains(IncidentState.InquiryReportKind))
        {
            await ScheduleDeadline(MajorReportDeadline + IncidentState.InquiryReportKind, since + CommandRules.MajorInquiryWithin);
        }
    }

    private bool HasWrittenReportMilestone() => State.Milestones.Any(m => m.ReportKind == IncidentState.WrittenReportKind);

    private async Task OnMajorReportDeadline(string kind, Runtime.DeadlineTick tick)
    {
        bool written = kind == IncidentState.WrittenReportKind;
        bool submitted = written ? State.WrittenReportAt is not null : State.InquiryReportAt is not null;
        if (!State.Exists || State.MajorSince is null || submitted || State.OverdueReports.Contains(kind) || (written && HasWrittenReportMilestone()))
        {
            return;
        }
        RaiseEvent(new MajorReportOverdue(kind, tick.DueAt, Math.Round(tick.Lateness.TotalSeconds, 3)), "system");
        await ConfirmEvents();
        string what = written ? "24小时内书面报告" : "一个月内调查处理报告（调查结果、整改措施、责任追究情况）";
        await Escalate(EscalationTriggers.ReportOverdue, $"重大案件{what}逾期未报（应于{Hosting.Wording.Time(tick.DueAt)}前报送）", Time.GetUtcNow(), "system");
        Publish();
    }
}
