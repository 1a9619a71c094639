namespace Command.Silo.Access.Api;

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
