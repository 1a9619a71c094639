using System.Collections.Immutable;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;

namespace Command.Silo.Incidents;

/// <summary>
/// What the statistics need and the rest of the state forgets: a dispatch restarted clears the overdue mark, a breached
/// milestone met later reads as met, a team's arrival time is overwritten by a later one. These are the first times
/// each thing happened, and they never change once set, so figures computed from them equal figures recomputed from
/// the timeline.
/// </summary>
public sealed partial record IncidentState
{
    /// <summary>The first team's 到达现场 (the first <c>teamStatus</c> onScene on the timeline).</summary>
    public DateTimeOffset? FirstOnSceneAt { get; init; }

    /// <summary>The first 派警超时, kept after a restarted dispatch clears <see cref="DispatchOverdueAt"/>.</summary>
    public DateTimeOffset? FirstDispatchOverdueAt { get; init; }

    /// <summary>When the case first stood at severity I or II (重大及以上): its 24-hour written report counts from here.</summary>
    public DateTimeOffset? MajorSince { get; init; }

    /// <summary>The first 书面报告 (a report of kind writtenReport).</summary>
    public DateTimeOffset? WrittenReportAt { get; init; }

    /// <summary>The first 调查处理报告 (a report of kind inquiryReport), due within a month of becoming major.</summary>
    public DateTimeOffset? InquiryReportAt { get; init; }

    /// <summary>The major-case reports that were overdue, by kind: late stays on the record even after they come.</summary>
    public ImmutableList<string> OverdueReports { get; init; } = [];

    /// <summary>Milestones ever breached, by name, even those met late afterwards.</summary>
    public ImmutableList<string> BreachedMilestones { get; init; } = [];

    public const int MajorSeverity = 2;

    public const string WrittenReportKind = "writtenReport";

    public const string InquiryReportKind = "inquiryReport";

    /// <summary>A major case still owes a report whose deadline has not been taken: its grain keeps its deadlines
    /// after 办结, since the month's inquiry usually comes after the case is closed.</summary>
    public bool OwesMajorReports => MajorSince is not null
        && ((WrittenReportAt is null && !OverdueReports.Contains(WrittenReportKind)) || (InquiryReportAt is null && !OverdueReports.Contains(InquiryReportKind)));

    /// <summary>What the case panel counts down to: a mass incident's written report is its golden-window milestone.</summary>
    public IReadOnlyList<MajorReportStatus> MajorReportStatuses()
    {
        if (MajorSince is not { } since)
        {
            return [];
        }
        var written = Milestones.FirstOrDefault(m => m.ReportKind == WrittenReportKind);
        return
        [
            new(WrittenReportKind, written?.DueAt ?? since + Escalation.CommandRules.MajorWrittenReportWithin, WrittenReportAt,
                OverdueReports.Contains(WrittenReportKind) || BreachedMilestones.Contains(written?.Name ?? "")),
            new(InquiryReportKind, since + Escalation.CommandRules.MajorInquiryWithin, InquiryReportAt, OverdueReports.Contains(InquiryReportKind)),
        ];
    }

    private IncidentState Track(IncidentEvent @event, DateTimeOffset at) => @event switch
    {
        IncidentReceived r when r.Call.Severity <= MajorSeverity && MajorSince is null => this with { MajorSince = at },
        SeverityChanged s when s.To <= MajorSeverity && MajorSince is null => this with { MajorSince = at },
        TeamStatusReported { Status: TeamStatus.OnScene } when FirstOnSceneAt is null => this with { FirstOnSceneAt = at },
        DispatchOverdue when FirstDispatchOverdueAt is null => this with { FirstDispatchOverdueAt = at },
        ReportSubmitted { Kind: WrittenReportKind } when WrittenReportAt is null => this with { WrittenReportAt = at },
        ReportSubmitted { Kind: InquiryReportKind } when InquiryReportAt is null => this with { InquiryReportAt = at },
        MajorReportOverdue o when !OverdueReports.Contains(o.Kind) => this with { OverdueReports = OverdueReports.Add(o.Kind) },
        MilestoneBreached b when !BreachedMilestones.Contains(b.Name) => this with { BreachedMilestones = BreachedMilestones.Add(b.Name) },
        _ => this,
    };
}
