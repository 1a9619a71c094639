namespace Command.Silo.Incidents;

/// <summary>Coercive measures or weapons were used, under an approved gate.</summary>
public sealed record MeasureRecorded(string Gate, string Note) : IncidentEvent;
