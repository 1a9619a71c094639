namespace Command.Silo.Incidents.Api;

public sealed record CloseIncidentRequest(string? Resolution);
