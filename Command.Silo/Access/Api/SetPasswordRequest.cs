namespace Command.Silo.Access.Api;

public sealed record SetPasswordRequest(string? Password);
