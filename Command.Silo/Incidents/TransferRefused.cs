namespace Command.Silo.Incidents;

/// <summary>退回: the target jurisdiction does not take the case; it stays with the jurisdiction that sent it.</summary>
public sealed record TransferRefused(string ToJurisdictionId, string ToName, string Reason) : IncidentEvent;
