namespace Command.Silo.Incidents;

/// <summary>签收: the target jurisdiction takes the case; from now on it lies there.</summary>
public sealed record TransferSigned(string FromJurisdictionId, string ToJurisdictionId, string ToName, string? Note) : IncidentEvent;
