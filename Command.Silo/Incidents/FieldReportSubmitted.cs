namespace Command.Silo.Incidents;

/// <summary>处警反馈: what the team found, what it did and who was involved, written when it finished 处置.</summary>
public sealed record FieldReportSubmitted(string TeamId, string Callsign, string Found, string Actions, string? People, int? PeopleCount, string? Result) : IncidentEvent;
