using Orleans;
namespace Command.Abstractions.Access;

[GenerateSerializer]
public enum CredentialKind
{
    /// <summary>A browser's sign-in cookie.</summary>
    Session,

    /// <summary>A bearer token a user asked for, for a script or a client program.</summary>
    Token,

    /// <summary>A patrol terminal's bearer token, bound to one team.</summary>
    Device,
}
