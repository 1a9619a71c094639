namespace Command.Silo.Incidents.Api;

/// <summary>签收 (a note is optional) or 退回 (the reason is required).</summary>
public sealed record TransferDecisionRequest(string? Note, string? Reason);
