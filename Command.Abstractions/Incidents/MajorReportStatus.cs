using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>One report a major case owes (重大案件报告): <see cref="Kind"/> is writtenReport (24 hours) or inquiryReport
/// (30 days); <see cref="Overdue"/> stays true once the deadline passed without it, even after it came.</summary>
[GenerateSerializer, Immutable]
public sealed record MajorReportStatus(string Kind, DateTimeOffset DueAt, DateTimeOffset? SubmittedAt, bool Overdue);
