using System.Security.Cryptography;
using Command.Abstractions.Access;
using Command.Abstractions.Runtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

/// <summary>
/// Issues and revokes credentials. Every credential is registered (durably) before it is handed out, and its id is in
/// the cookie or token, so revoking the id ends it wherever it is. Bearer tokens are the built-in bearer scheme's own
/// format (protected by Data Protection); they are minted here rather than by its sign-in so each kind gets its own
/// lifetime.
/// </summary>
public sealed class Credentials(
    IGrainFactory grains,
    CredentialCache cache,
    Realtime.HubConnections connections,
    IOptionsMonitor<BearerTokenOptions> bearer,
    IOptions<AccessOptions> options,
    TimeProvider time)
{
    private ICredentialRegisterGrain Register => grains.GetGrain<ICredentialRegisterGrain>(CredentialRegisterGrain.RegisterKey);

    public async Task<Caller> IssueAsync(CredentialKind kind, string subject, string displayName, Role role, string jurisdictionId, string? teamId,
        string issuedBy, string? label)
    {
        var now = time.GetUtcNow();
        var lifetime = kind switch
        {
            CredentialKind.Session => options.Value.SessionLifetime,
            CredentialKind.Device => options.Value.DeviceTokenLifetime,
            _ => options.Value.TokenLifetime,
        };
        var credential = new Credential(NewId(), kind, subject, displayName, role, jurisdictionId, teamId, now, now + lifetime, issuedBy, label);
        await Register.Issue(credential);
        cache.Put(credential);
        return new Caller(subject, displayName, role, jurisdictionId, teamId, credential.Id, kind);
    }

    /// <summary>
    /// A patrol terminal's token for <paramref name="team"/>, within the limits: the team's active terminal tokens, and
    /// what one person may issue in an hour. The register checks both in the same turn that issues, so concurrent
    /// requests (on any silo) cannot pass a limit together.
    /// </summary>
    public async Task<(Caller? Device, DeviceTokenRefusal? Refusal)> IssueDeviceAsync(Abstractions.Patrols.TeamView team, Caller issuer, string? label)
    {
        var now = time.GetUtcNow();
        var access = options.Value;
        var credential = new Credential(NewId(), CredentialKind.Device, DeviceSubject(team.Id), team.Callsign, Role.Device, team.JurisdictionId, team.Id,
            now, now + access.DeviceTokenLifetime, issuer.Actor, label, IssuerSubject: issuer.Subject);
        var limits = new DeviceTokenLimits(access.DeviceTokensPerTeam, access.DeviceTokensPerIssuerPerHour, TimeSpan.FromHours(1));
        if (await Register.IssueDevice(credential, limits) is { } refusal)
        {
            return (null, refusal);
        }
        cache.Put(credential);
        return (new Caller(credential.Subject, credential.DisplayName, Role.Device, credential.JurisdictionId, team.Id, credential.Id, CredentialKind.Device), null);
    }

    /// <summary>The bearer token string for a caller holding a token or device credential.</summary>
    public string Protect(Caller caller)
    {
        var credential = cache.Find(caller.CredentialId) ?? throw new InvalidOperationException($"Credential {caller.CredentialId} is not registered.");
        var properties = new AuthenticationProperties { IssuedUtc = credential.IssuedAt, ExpiresUtc = credential.ExpiresAt };
        var ticket = new AuthenticationTicket(caller.ToPrincipal(BearerTokenDefaults.AuthenticationScheme), properties, BearerTokenDefaults.AuthenticationScheme);
        return bearer.Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector.Protect(ticket);
    }

    public async Task<Credential> RevokeAsync(string id, string actor)
    {
        var revoked = await Register.Revoke(id, actor);
        cache.Put(revoked);
        connections.Close(id);
        return revoked;
    }

    /// <summary>Revokes a user's (or a team's) credentials; <paramref name="andTerminalsIssued"/> also the terminal tokens
    /// the user issued, when the account itself is withdrawn.</summary>
    public async Task<IReadOnlyList<Credential>> RevokeAllOfAsync(string subject, string actor, bool andTerminalsIssued = false)
    {
        var revoked = await Register.RevokeAllOf(subject, andTerminalsIssued, actor);
        foreach (var credential in revoked)
        {
            cache.Put(credential);
            connections.Close(credential.Id);
        }
        return revoked;
    }

    public Task<IReadOnlyList<Credential>> ListAsync() => Register.List();

    public Credential? Find(string id) => cache.Find(id);

    /// <summary>The answer that hands a new bearer token over; the only time its secret is shown.</summary>
    public Api.TokenResponse Response(Caller caller)
    {
        var credential = Find(caller.CredentialId)!;
        return new Api.TokenResponse("Bearer", Protect(caller), credential.Id, credential.ExpiresAt,
            (long)(credential.ExpiresAt - time.GetUtcNow()).TotalSeconds, credential.Subject, credential.TeamId);
    }

    public async Task LoadAsync() => cache.Load(await Register.List());

    public static string DeviceSubject(string teamId) => "device:" + teamId;

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
