using Orleans;

namespace Command.Abstractions.Disputes;

/// <summary>
/// One jurisdiction's line of the 调处率 table over a period: disputes registered in it, how many of those are closed
/// and how many ended 调解成功. <see cref="ResolutionRate"/> (调处率) is closed/registered, <see cref="SuccessRate"/>
/// (调处成功率) mediated/closed; each null when there is nothing to divide by. <see cref="BelowTarget"/> flags a rate
/// under 95%.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DisputeRateRow(
    string JurisdictionId,
    string JurisdictionName,
    int Registered,
    int Closed,
    int Mediated,
    double? ResolutionRate,
    double? SuccessRate,
    int CriminalTurns,
    bool BelowTarget);
