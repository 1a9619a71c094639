namespace Command.Silo.Incidents;

/// <summary>A major case's report of <see cref="Kind"/> (writtenReport, inquiryReport) was not in by
/// <see cref="DueAt"/>: late on the record for 考核, whenever it comes.</summary>
public sealed record MajorReportOverdue(string Kind, DateTimeOffset DueAt, double LateSeconds) : IncidentEvent;
