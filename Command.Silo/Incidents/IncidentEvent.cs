using System.Text.Json.Serialization;

namespace Command.Silo.Incidents;

/// <summary>What an incident's journal records; the timeline is these events in order.</summary>
[JsonDerivedType(typeof(IncidentReceived), "received")]
[JsonDerivedType(typeof(TeamAssigned), "teamAssigned")]
[JsonDerivedType(typeof(TeamStatusReported), "teamStatus")]
[JsonDerivedType(typeof(TeamReleased), "teamReleased")]
[JsonDerivedType(typeof(IncidentStatusChanged), "statusChanged")]
[JsonDerivedType(typeof(DispatchOverdue), "dispatchOverdue")]
public abstract record IncidentEvent;
