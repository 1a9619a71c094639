using Command.Abstractions.Jurisdictions;

namespace Command.Abstractions.Statistics;

/// <summary>GET /api/statistics: the figures of one jurisdiction and period, computed from the cases' journals, with the
/// same figures for each of its child jurisdictions.</summary>
/// <param name="From">The period's start (inclusive), Beijing time.</param>
/// <param name="To">The period's end (exclusive), Beijing time.</param>
public sealed record StatisticsReport(
    string JurisdictionId,
    string JurisdictionName,
    JurisdictionLevel Level,
    DateTimeOffset From,
    DateTimeOffset To,
    CaseCounts Cases,
    DispatchFigures Dispatch,
    ArrivalFigures Arrival,
    GoldenWindowFigures GoldenWindow,
    EscalationFigures Escalations,
    IReadOnlyList<RepeatPlace> RepeatPlaces,
    IReadOnlyList<ChildFigures> Children);
