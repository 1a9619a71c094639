using Command.Silo.Escalation;

namespace Command.Silo.Incidents;

/// <summary>The incident became a 群体性事件; its golden window opens with these milestones, due times fixed now.</summary>
public sealed record MassIncidentDeclared(string Cause, int? CrowdSize, string Trigger, IReadOnlyList<GoldenMilestone> Milestones) : IncidentEvent;
