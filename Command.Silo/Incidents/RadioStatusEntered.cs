using Command.Abstractions.Patrols;

namespace Command.Silo.Incidents;

/// <summary>电台报告: a duty officer entered a status the team reported by radio; the <see cref="TeamStatusReported"/>
/// that follows it carries the status, this says where it came from.</summary>
public sealed record RadioStatusEntered(string TeamId, string Callsign, TeamStatus Status) : IncidentEvent;
