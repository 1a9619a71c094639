namespace Command.Silo.Patrols.Api;

public sealed record BackupRequest(string? Note);
