namespace Command.Silo.Sweeps.Api;

/// <summary>A 排查 report: nil (零报告) true when nothing was found; otherwise found (how many) and text.</summary>
public sealed record SweepReportRequest(bool? Nil, int? Found, string? Text, IReadOnlyList<string>? DisputeIds);
