namespace Command.Silo.Access;

public sealed record CredentialRevoked(string Id) : CredentialEvent;
