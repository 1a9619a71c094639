namespace Command.Silo.Incidents;

/// <summary>A new estimate of the crowd; every revision stays on the timeline.</summary>
public sealed record CrowdRevised(int? From, int To) : IncidentEvent;
