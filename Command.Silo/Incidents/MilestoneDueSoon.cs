namespace Command.Silo.Incidents;

/// <summary>A milestone is about to fall due: the consoles warn.</summary>
public sealed record MilestoneDueSoon(string Name, DateTimeOffset DueAt) : IncidentEvent;
