using Command.Abstractions.Incidents;

namespace Command.Silo.Incidents;

/// <summary>A step of 接警→派警→到场→处置→办结. For closing, the note is the resolution.</summary>
public sealed record IncidentStatusChanged(IncidentStatus From, IncidentStatus To, string? Note) : IncidentEvent;
