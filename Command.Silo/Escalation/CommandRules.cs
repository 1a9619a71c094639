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

    /// <summary>1 for the ordinary rules; below 1 in a sensitive period, shortening every milestone but the written report.</summary>
    public double MilestoneFactor { get; init; } = 1;

    /// <summary>The rules while a sensitive period (敏感时期) is in force; null when the file sets no overlay.</summary>
    public CommandRules? Sensitive { get; init; }

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
        return [.. Milestones.Select(m => m with { Due = m.ReportKind == "writtenReport" ? due[m.Name] : due[m.Name] * MilestoneFactor })];
    }

    /// <summary>These rules with a sensitive period's overlay applied; the rest is shared.</summary>
    public CommandRules WithOverlay(SensitivePeriodRules overlay) => new()
    {
        Source = Source + " (敏感时期)",
        CrowdThreshold = overlay.CrowdThreshold ?? CrowdThreshold,
        SeverityByCrowd = overlay.SeverityByCrowd is { } bands ? [.. bands.OrderByDescending(b => b.AtLeast)] : SeverityByCrowd,
        CrowdEscalationSteps = overlay.CrowdEscalationSteps ?? CrowdEscalationSteps,
        Milestones = Milestones,
        Overrides = Overrides,
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
        MilestoneFactor = overlay.MilestoneFactor ?? 1,
    };

    /// <summary>How high escalation climbs by itself for this kind of case: 小事不出村、大事不出乡、难事不出区.
    /// Beyond it a leader must decide.</summary>
    public JurisdictionLevel CeilingFor(bool massIncident, int severity) =>
        Ceilings.First(c => (c.MassIncident is null || c.MassIncident == massIncident) && c.Severities.Contains(severity)).Level;

    public JurisdictionLevel? Above(JurisdictionLevel level) => Ladder.TryGetValue(level, out var up) ? up : null;

    /// <summary>The severity a crowd of this size calls for, never lower than what the incident already has.</summary>
    public int SeverityForCrowd(int crowd, int current) =>
        Math.Min(current, SeverityByCrowd.FirstOrDefault(s => crowd >= s.AtLeast)?.Severity ?? current);
}
