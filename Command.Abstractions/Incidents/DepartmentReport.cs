using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>反馈: what a called-in department reports back; <see cref="Final"/> is its 处置完毕.</summary>
[GenerateSerializer, Immutable]
public sealed record DepartmentReport(DateTimeOffset At, string By, string Text, bool Final);
