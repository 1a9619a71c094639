using Command.Abstractions.Patrols;

namespace Command.Silo.Patrols;

/// <summary>The incident is the one the team is working for, if any, after the change.</summary>
public sealed record TeamStatusChanged(TeamStatus From, TeamStatus To, string? IncidentId) : TeamEvent;
