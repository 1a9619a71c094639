namespace Command.Silo.Escalation.Api;

/// <summary>签收, optionally with the leader's comment (已阅，请…): the body may be left out.</summary>
public sealed record AcknowledgeRequest(string? Comment);
