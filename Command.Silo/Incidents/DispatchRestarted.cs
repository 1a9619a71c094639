namespace Command.Silo.Incidents;

/// <summary>Every team was taken off a case before any arrived: it waits for dispatch again, with a new deadline.</summary>
public sealed record DispatchRestarted(DateTimeOffset DueAt) : IncidentEvent;
