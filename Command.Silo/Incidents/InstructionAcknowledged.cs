namespace Command.Silo.Incidents;

/// <summary>已阅: a duty officer has read a leader's 批示; the event's actor and time say who and when.</summary>
public sealed record InstructionAcknowledged(string InstructionId, string Leader) : IncidentEvent;
