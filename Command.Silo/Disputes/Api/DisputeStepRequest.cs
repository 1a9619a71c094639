namespace Command.Silo.Disputes.Api;

/// <summary>A mediation step: what was done.</summary>
public sealed record DisputeStepRequest(string? Text);
