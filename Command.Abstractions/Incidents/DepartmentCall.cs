using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>
/// 调度联动单位: one department called into a case, numbered from 1 within the case. It is due to sign for it (签收) by
/// <see cref="DueAt"/>; <see cref="OverdueAt"/> stays on the record once missed, even after a late 签收.
/// <see cref="Username"/> is the department's account; people are named as on timelines.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DepartmentCall(
    int Number,
    string Username,
    string DepartmentName,
    string Kind,
    DepartmentRole Role,
    string Task,
    string CalledBy,
    DateTimeOffset CalledAt,
    DateTimeOffset DueAt,
    DateTimeOffset? ReceivedAt = null,
    string? ReceivedBy = null,
    DateTimeOffset? OverdueAt = null,
    IReadOnlyList<DepartmentReport>? Reports = null,
    DateTimeOffset? FinishedAt = null)
{
    public bool IsReceived => ReceivedAt is not null;

    public bool IsFinished => FinishedAt is not null;
}
