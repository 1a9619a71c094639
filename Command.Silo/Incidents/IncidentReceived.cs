using Command.Abstractions.Incidents;

namespace Command.Silo.Incidents;

public sealed record IncidentReceived(string Number, IncidentCall Call, IncidentPlacement Placement) : IncidentEvent;
