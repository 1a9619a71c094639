using Orleans;

namespace Command.Abstractions.Sweeps;

/// <summary>
/// Where one township or village stands now. <see cref="State"/>: <c>pending</c> (待报), <c>reported</c> (已报),
/// <c>zeroReport</c> (零报告) for the current period; <c>overdue</c> (逾期未报) while the previous period ended
/// unreported, <c>late</c> (迟报) once it was reported late and the current one is not yet in.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepStatus(
    string JurisdictionId,
    string Name,
    string Level,
    string? ParentId,
    string? ParentName,
    int PeriodDays,
    DateTimeOffset PeriodStart,
    DateTimeOffset DueAt,
    string State,
    string StateText,
    SweepReport? LastReport,
    int OverdueCount,
    long Version);
