namespace Command.Silo.Disputes.Api;

/// <summary>对接: to mediation (人民调解), petition (信访) or court (诉调), through a receiver's username.</summary>
public sealed record DisputeHandoffRequest(string? Body, string? Receiver, string? Note);
