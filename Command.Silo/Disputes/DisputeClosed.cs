namespace Command.Silo.Disputes;

public sealed record DisputeClosed(string Outcome, string? Note) : DisputeEvent;
