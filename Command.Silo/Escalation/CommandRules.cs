using System.Collections.Frozen;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;

namespace Command.Silo.Escalation;

/// <summary>The validated rules the grains run on. Built only by <see cref="RulesLoader"/>, so it is never half-configured.</summary>
public sealed class CommandRules
{
    public static readonly FrozenSet<string> Causes = FrozenSet.ToFrozenSet(["landAcquisition", "labourDispute", "environment", "petitioning", "other"]);
    public static readonly FrozenSet<string> ReportKinds = FrozenSet.ToFrozenSet(["countyInformed", "informationReport", "writtenReport", "inquiryReport"]);

    /// <summary>A major case (重大案件, severity I or II) reports in writing within this of first becoming one ...</summary>
    public static readonly TimeSpan MajorWrittenReportWithin = TimeSpan.FromHours(24);

    /// <summary>... and its inquiry (调查结果、整改措施、责任追究情况) within a month.</summary>
    public static readonly TimeSpan MajorInquiryWithin = TimeSpan.FromDays(30);

    public required string Source { get; init; }
    public required int CrowdThreshold { get; init; }
    /// <summary>Highest threshold first.</summary>
    public required IReadOnlyList<CrowdSeverity> SeverityByCrowd { get; init; }
    public required IReadOnlyList<int> CrowdEscalationSteps { get; init; }
    public required IReadOnlyList<MilestoneSpec> Milestones { get; init; }
    public required IReadOnlyList<MilestoneOverride> Overrides { get; init; }
    public required TimeSpan DueWarning { get; init; }
    public required IReadOnlyDictionary<JurisdictionLevel, JurisdictionLevel> Ladder { get; init; }
    public required TimeSpan AcknowledgeWithin { get; init; }
    public required IReadOnlyList<Ceiling> Ceilings { get; init; }
    public required IReadOnlySet<IncidentType> RepeatedTypes { get; init; }
    public required TimeSpan RepeatedWithin { get; init; }
    public required int RepeatedCount { get; init; }
    public required JurisdictionLevel RepeatedCeiling { get; init; }
    public required int MaxTeamsWithoutApproval { get; init; }
    public required double LeaderCheckInRadiusMeters { get; init; }

    /// <summary>敏感时期 halves every golden-window milestone but the 24-hour written report (never below a minute) ...</summary>
    public const double SensitiveMilestoneFactor = 0.5;

    /// <summary>... and lowers the crowd thresholds to two thirds: a gathering of 20 is a mass incident, not 30.</summary>
    public const double SensitiveCrowdFactor = 2.0 / 3.0;

    /// <summary>The rules in force during a 敏感时期: the same rules, tighter. Built once per rules.</summary>
    public CommandRules Sensitive => sensitive ??= Tighten();

    private CommandRules? sensitive;

    private const string WrittenReport = "writtenReport";

    private CommandRules Tighten()
    {
        static TimeSpan Half(TimeSpan due) => TimeSpan.FromMinutes(Math.Max(1, Math.Round(due.TotalMinutes * SensitiveMilestoneFactor)));
        static int Lower(int crowd) => Math.Max(2, (int)Math.Round(crowd * SensitiveCrowdFactor));
        var tightened = new CommandRules
        {
            Source = Source + " (敏感时期)",
            CrowdThreshold = Lower(CrowdThreshold),
            SeverityByCrowd = [.. SeverityByCrowd.Select(s => s with { AtLeast = Lower(s.AtLeast) })],
            CrowdEscalationSteps = [.. CrowdEscalationSteps.Select(Lower).Distinct()],
            // The 24-hour written report is the law's own deadline, the same in any period.
            Milestones = [.. Milestones.Select(m => m.ReportKind == WrittenReport ? m : m with { Due = Half(m.Due) })],
            Overrides = [.. Overrides.Select(o => o with { DueMinutes = o.DueMinutes?.ToDictionary(d => d.Key,
                d => Milestones.Any(m => m.Name == d.Key && m.ReportKind == WrittenReport) ? d.Value : Math.Max(1, Math.Round(d.Value * SensitiveMilestoneFactor))) })],
            DueWarning = DueWarning,
            Ladder = Ladder,
            AcknowledgeWithin = AcknowledgeWithin,
            Ceilings = Ceilings,
            RepeatedTypes = RepeatedTypes,
            RepeatedWithin = RepeatedWithin,
            RepeatedCount = RepeatedCount,
            RepeatedCeiling = RepeatedCeiling,
            MaxTeamsWithoutApproval = MaxTeamsWithoutApproval,
            LeaderCheckInRadiusMeters = LeaderCheckInRadiusMeters,
        };
        // Declared twice is still one period: the tightened rules do not tighten again.
        tightened.sensitive = tightened;
        return tightened;
    }

    /// <summary>The milestones of a mass incident of this severity and cause, overrides applied in file order.</summary>
    public IReadOnlyList<MilestoneSpec> MilestonesFor(int severity, string? cause)
    {
        var due = Milestones.ToDictionary(m => m.Name, m => m.Due);
        foreach (var o in Overrides)
        {
            bool applies = (o.Severity is null || o.Severity.Contains(severity)) && (o.Cause is null || (cause is not null && o.Cause.Contains(cause)));
            if (applies)
            {
                foreach (var (name, minutes) in o.DueMinutes!)
                {
                    due[name] = TimeSpan.FromMinutes(minutes);
                }
            }
        }
        return [.. Milestones.Select(m => m with { Due = due[m.Name] })];
    }

    /// <summary>How high escalation climbs by itself for this kind of case: 小事不出村、大事不出乡、难事不出区.
    /// Beyond it a leader must decide.</summary>
    public JurisdictionLevel CeilingFor(bool massIncident, int severity) =>
        Ceilings.First(c => (c.MassIncident is null || c.MassIncident == massIncident) && c.Severities.Contains(severity)).Level;

    public JurisdictionLevel? Above(JurisdictionLevel level) => Ladder.TryGetValue(level, out var up) ? up : null;

    /// <summary>The severity a crowd of this size calls for, never lower than what the incident already has.</summary>
    public int SeverityForCrowd(int crowd, int current) =>
        Math.Min(current, SeverityByCrowd.FirstOrDefault(s => crowd >= s.AtLeast)?.Severity ?? current);
}
