namespace Command.Abstractions.Statistics;

/// <summary>Escalation steps (督办) of the period's cases: raised, acknowledged (签收) and not, and the time from a step
/// being raised to its 签收 (nearest-rank, whole seconds). A step passed up to a higher level before anyone signed for
/// it, or still waiting, is unacknowledged.</summary>
public sealed record EscalationFigures(int Raised, int Acknowledged, int Unacknowledged, int? MedianAckSeconds, int? P90AckSeconds);
