namespace Command.Silo.Disputes.Api;

/// <summary>民转刑: the criminal case the dispute turned into.</summary>
public sealed record DisputeCriminalLinkRequest(string? IncidentId);
