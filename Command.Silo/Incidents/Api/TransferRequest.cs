namespace Command.Silo.Incidents.Api;

/// <summary>转警: the jurisdiction (a county or a township) the case belongs to, and why.</summary>
public sealed record TransferRequest(string? ToJurisdictionId, string? Reason);
