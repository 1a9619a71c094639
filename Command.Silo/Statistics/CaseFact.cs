using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Silo.Escalation;
using Command.Silo.Incidents;

namespace Command.Silo.Statistics;

/// <summary>
/// One case as the statistics see it: a small record derived from the incident's state (the fold of its journal), so a
/// year of a city's cases fits in memory and a query is one pass over them. Times are those the journal recorded.
/// </summary>
/// <param name="JurisdictionId">The deepest jurisdiction the case is in now (after a 转警 signed for, the target's).</param>
/// <param name="Cause">The repeated-incident rule's cause: the call's cause, or its type when it gave none.</param>
/// <param name="DispatchedAt">The first team assigned, even if recalled afterwards.</param>
/// <param name="OnSceneAt">The first team reporting 到达现场.</param>
/// <param name="DispatchOverdue">Ever flagged 派警超时.</param>
/// <param name="Breaches">Golden-window milestones ever breached.</param>
/// <param name="ReportDueAt">For a case at severity I or II: when its written report is due.</param>
/// <param name="ReportAt">For such a case: when its first written report was submitted.</param>
public sealed record CaseFact(
    string Id,
    string Number,
    long Version,
    string JurisdictionId,
    DateTimeOffset ReceivedAt,
    IncidentChannel Channel,
    IncidentType Type,
    int Severity,
    string Cause,
    double Lon,
    double Lat,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? OnSceneAt,
    DateTimeOffset? ClosedAt,
    bool DispatchOverdue,
    bool IsMassIncident,
    int Milestones,
    int Breaches,
    IReadOnlyList<EscalationFact> Escalations,
    DateTimeOffset? ReportDueAt,
    DateTimeOffset? ReportAt)
{
    /// <summary>重大案件24小时内书面报告, unless the rules' writtenReport milestone says otherwise.</summary>
    public static readonly TimeSpan DefaultReportWithin = TimeSpan.FromHours(24);

    public bool IsMajor => Severity <= IncidentState.MajorSeverity;

    public static CaseFact From(string id, long version, IncidentState state, CommandRules rules)
    {
        var call = state.Call!;
        DateTimeOffset? dispatched = state.Assignments.Count == 0 ? null : state.Assignments.Min(a => a.AssignedAt);
        // Snapshots written before the first-arrival time was kept fall back on what they hold.
        var onScene = state.FirstOnSceneAt ?? state.Assignments.Where(a => a.OnSceneAt is not null).Select(a => a.OnSceneAt).Min() ?? state.OnSceneAt;
        int breaches = state.Milestones.Count(m => m.State == Abstractions.Incidents.MilestoneState.Breached || state.BreachedMilestones.Contains(m.Name));
        DateTimeOffset? reportDue = null, reportAt = null;
        if (state.Severity <= IncidentState.MajorSeverity)
        {
            var milestone = state.Milestones.FirstOrDefault(m => m.ReportKind == IncidentState.WrittenReportKind);
            var within = rules.Milestones.FirstOrDefault(m => m.ReportKind == IncidentState.WrittenReportKind)?.Due ?? DefaultReportWithin;
            reportDue = milestone?.DueAt ?? (state.MajorSince ?? state.ReceivedAt) + within;
            reportAt = state.WrittenReportAt ?? milestone?.MetAt;
        }
        return new CaseFact(id, state.Number!, version, state.Placement!.JurisdictionId, state.ReceivedAt, call.Channel, state.CurrentType, state.Severity,
            CauseOf(call), call.Location.Lon, call.Location.Lat, dispatched, onScene, state.ClosedAt,
            state.FirstDispatchOverdueAt is not null || state.DispatchOverdueAt is not null, state.IsMassIncident, state.Milestones.Count, breaches,
            state.Escalations.Count == 0 ? [] : [.. state.Escalations.Select(e => new EscalationFact(e.RaisedAt, e.AcknowledgedAt, e.Level))],
            reportDue, reportAt);
    }

    /// <summary>As the jurisdictions record it for the repeated-incident rule (see IncidentGrain.Open).</summary>
    public static string CauseOf(IncidentCall call) => call.Cause ?? JsonNamingPolicy.CamelCase.ConvertName(call.Type.ToString());
}
