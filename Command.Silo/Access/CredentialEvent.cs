using System.Text.Json.Serialization;

namespace Command.Silo.Access;

[JsonDerivedType(typeof(CredentialIssued), "credentialIssued")]
[JsonDerivedType(typeof(CredentialRevoked), "credentialRevoked")]
public abstract record CredentialEvent;
