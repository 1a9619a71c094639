namespace Command.Silo.Disputes.Api;

/// <summary>The receiver's result: whether mediation succeeded, and how it went.</summary>
public sealed record DisputeResultRequest(bool? Success, string? Text);
