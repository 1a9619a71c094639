using Command.Abstractions.Incidents;

namespace Command.Silo.Incidents;

/// <summary>转警: the duty officer hands the case to the jurisdiction it belongs to; <see cref="Target"/> is where it will
/// lie once that jurisdiction signs for it.</summary>
public sealed record TransferRequested(string FromJurisdictionId, string FromName, string ToJurisdictionId, string ToName, string Reason,
    IncidentPlacement Target, DateTimeOffset DueAt) : IncidentEvent;
