namespace Command.Silo.Incidents;

/// <summary>批示: a leader's written instruction on the case; the event's actor is the leader who wrote it.</summary>
public sealed record InstructionGiven(string InstructionId, string Text) : IncidentEvent;
