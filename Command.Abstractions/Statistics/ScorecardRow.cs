using Command.Abstractions.Jurisdictions;

namespace Command.Abstractions.Statistics;

/// <summary>
/// One jurisdiction's 考核 figures for the period. Rates are fractions from 0 to 1, null when nothing was counted.
/// <see cref="MajorCases"/> are cases at severity I or II; each owes a 24-hour written report (书面报告), which is on time,
/// late, missing (due and not submitted) or not yet due. <see cref="VetoFlags"/> lists the 一票否决 risks.
/// </summary>
public sealed record ScorecardRow(
    string JurisdictionId,
    string Name,
    JurisdictionLevel Level,
    int Cases,
    int Dispatched,
    int? DispatchMedianSeconds,
    int? DispatchP90Seconds,
    int DispatchOverdue,
    double? OverdueRate,
    int Arrived,
    int? ArrivalMedianSeconds,
    int? ArrivalP90Seconds,
    int MassIncidents,
    int MajorMassIncidents,
    int Milestones,
    int Breaches,
    double? BreachRate,
    int EscalationsRaised,
    int EscalationsAcknowledged,
    int? AckMedianSeconds,
    int MajorCases,
    int ReportsOnTime,
    int ReportsLate,
    int ReportsMissing,
    int ReportsPending,
    int RepeatPlaces,
    IReadOnlyList<VetoFlag> VetoFlags);
