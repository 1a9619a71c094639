using Command.Abstractions.Patrols;

namespace Command.Silo.Incidents;

public sealed record TeamStatusReported(string TeamId, TeamStatus Status) : IncidentEvent;
