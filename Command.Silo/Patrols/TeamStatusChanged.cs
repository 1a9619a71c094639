using Command.Abstractions.Patrols;

namespace Command.Silo.Patrols;

/// <summary>The incident is the one the team is working for, if any, after the change. Its number (absent from events
/// journaled before it was recorded) lets a refusal name the case a busy team is on.</summary>
public sealed record TeamStatusChanged(TeamStatus From, TeamStatus To, string? IncidentId, string? IncidentNumber = null) : TeamEvent;
