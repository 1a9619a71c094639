using Command.Abstractions.Access;

namespace Command.Silo.Access;

public sealed record CredentialIssued(Credential Credential) : CredentialEvent;
