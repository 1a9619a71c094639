namespace Command.Abstractions.Statistics;

/// <summary>GET /api/statistics/scorecard: the 考核 figures of each child jurisdiction (the counties of the city, the
/// townships of a county) and the parent's own totals, for one period.</summary>
public sealed record Scorecard(
    string JurisdictionId,
    string JurisdictionName,
    DateTimeOffset From,
    DateTimeOffset To,
    ScorecardRow Total,
    IReadOnlyList<ScorecardRow> Rows);
