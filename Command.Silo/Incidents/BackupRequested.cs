namespace Command.Silo.Incidents;

/// <summary>请求增援: a team sent to the incident asks for more hands.</summary>
public sealed record BackupRequested(string TeamId, string Callsign, string? Note, int? Teams = null, string? Kind = null, IReadOnlyList<string>? Needs = null) : IncidentEvent;
