namespace Command.Silo.Incidents.Api;

public sealed record StartHandlingRequest(string? Note);
