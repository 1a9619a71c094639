using Command.Abstractions.Incidents;

namespace Command.Silo.Incidents;

/// <summary>On the case repeated: another call about it was merged here, with its caller.</summary>
public sealed record DuplicateLinked(LinkedCall Call) : IncidentEvent;
