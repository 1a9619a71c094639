namespace Command.Silo.Disputes.Api;

/// <summary>结案: mediated (调解成功), failed (调解不成) or transferred (移交), with an optional note.</summary>
public sealed record CloseDisputeRequest(string? Outcome, string? Note);
