namespace Command.Silo.Incidents.Api;

public sealed record AssignTeamRequest(string? TeamId);
