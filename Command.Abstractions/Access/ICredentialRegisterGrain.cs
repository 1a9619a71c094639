using Orleans;

namespace Command.Abstractions.Access;

/// <summary>The register of every issued credential and its revocation. Key "all".</summary>
public interface ICredentialRegisterGrain : IGrainWithStringKey
{
    Task Issue(Credential credential);

    /// <summary>Issues a terminal's token unless its issuer or its team is at a limit; null when issued.</summary>
    Task<DeviceTokenRefusal?> IssueDevice(Credential credential, DeviceTokenLimits limits);

    /// <summary>Refused as not found for an unknown id; revoking twice changes nothing.</summary>
    Task<Credential> Revoke(string id, string actor);

    /// <summary>Revokes every active credential of a subject (a user or a team's terminals), and with
    /// <paramref name="andTerminalsIssued"/> also the terminal tokens that user issued.</summary>
    Task<IReadOnlyList<Credential>> RevokeAllOf(string subject, bool andTerminalsIssued, string actor);

    /// <summary>Every credential that has not expired yet, revoked ones included.</summary>
    Task<IReadOnlyList<Credential>> List();
}
