namespace Command.Abstractions.Statistics;

/// <summary>Cases received in the period. <see cref="ByChannel"/> is keyed by the number dialled ("110"),
/// <see cref="ByType"/> by the case's current type ("publicOrder"), <see cref="BySeverity"/> by its current severity
/// ("1" to "4"); <see cref="ByHour"/> has 24 counts, by the Beijing hour the call was received.</summary>
public sealed record CaseCounts(
    int Total,
    IReadOnlyDictionary<string, int> ByChannel,
    IReadOnlyDictionary<string, int> ByType,
    IReadOnlyDictionary<string, int> BySeverity,
    IReadOnlyList<int> ByHour);
