using Command.Abstractions.Incidents;

namespace Command.Silo.Incidents;

/// <summary>The case turned out to be another kind of incident; the call as taken keeps its original type.</summary>
public sealed record TypeChanged(IncidentType From, IncidentType To, string Reason) : IncidentEvent;
