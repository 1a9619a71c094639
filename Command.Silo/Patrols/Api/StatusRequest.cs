namespace Command.Silo.Patrols.Api;

public sealed record StatusRequest(string? Status);
