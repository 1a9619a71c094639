namespace Command.Silo.Incidents;

/// <summary>A 转警 nobody signed for within the configured time; <see cref="LatenessSeconds"/> says how late the deadline fired.</summary>
public sealed record TransferOverdue(string ToJurisdictionId, DateTimeOffset DueAt, double LatenessSeconds) : IncidentEvent;
