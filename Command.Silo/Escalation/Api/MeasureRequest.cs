namespace Command.Silo.Escalation.Api;

public sealed record MeasureRequest(string? Gate, string? Note);
