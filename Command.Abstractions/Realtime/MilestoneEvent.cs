using Command.Abstractions.Incidents;

namespace Command.Abstractions.Realtime;

/// <summary>A milestone became due, was met or was breached.</summary>
public sealed record MilestoneEvent(string IncidentId, string IncidentNumber, Milestone Milestone);
