using Command.Abstractions.Incidents;
using Orleans;

namespace Command.Abstractions.Realtime;

/// <summary>A golden-window milestone opened, fell due soon, was met or was breached (<see cref="Change"/>:
/// opened, due, met, breached).</summary>
[GenerateSerializer, Immutable]
public sealed record MilestoneEvent(string IncidentId, string IncidentNumber, Milestone Milestone, string Change);
