using Command.Abstractions.Jurisdictions;

namespace Command.Abstractions.Statistics;

/// <summary>One child jurisdiction's share of a <see cref="StatisticsReport"/>, for comparing them side by side.</summary>
public sealed record ChildFigures(
    string JurisdictionId,
    string Name,
    JurisdictionLevel Level,
    int Total,
    int? DispatchMedianSeconds,
    int? ArrivalMedianSeconds,
    int Overdue,
    int Breaches);
