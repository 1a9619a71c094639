using System.Collections.Immutable;
using Command.Abstractions.Access;
using Command.Abstractions.Runtime;
using Command.Silo.Runtime;

namespace Command.Silo.Access;

[GrainType("credentials")]
public sealed class CredentialRegisterGrain : JournaledGrain<ImmutableDictionary<string, Credential>, CredentialEvent>, ICredentialRegisterGrain
{
    public const string RegisterKey = "all";

    protected override ImmutableDictionary<string, Credential> InitialState => ImmutableDictionary<string, Credential>.Empty;

    protected override int SnapshotEvery => 64;

    protected override ImmutableDictionary<string, Credential> Apply(ImmutableDictionary<string, Credential> state, CredentialEvent @event, EventMeta meta) => @event switch
    {
        // Expired credentials can never be used again, so the register forgets them as it goes; the journal keeps them.
        CredentialIssued i => Prune(state, meta.At).SetItem(i.Credential.Id, i.Credential),
        CredentialRevoked r when state.TryGetValue(r.Id, out var c) => state.SetItem(r.Id, c with { RevokedAt = meta.At, RevokedBy = meta.Actor }),
        _ => state,
    };

    public async Task Issue(Credential credential)
    {
        if (State.ContainsKey(credential.Id))
        {
            throw CommandRejectedException.Conflict("这个登录凭据已经签发过了，请刷新后重试。");
        }
        RaiseEvent(new CredentialIssued(credential), credential.IssuedBy);
        await ConfirmEvents();
    }

    public async Task<DeviceTokenRefusal?> IssueDevice(Credential credential, DeviceTokenLimits limits)
    {
        var now = Time.GetUtcNow();
        // Revoked tokens count towards the hour too: issuing and revoking in a loop is still issuing.
        var recent = State.Values
            .Where(c => c.Kind == CredentialKind.Device && c.IssuerSubject == credential.IssuerSubject && c.IssuedAt > now - limits.Window)
            .Select(c => c.IssuedAt)
            .Order()
            .ToList();
        if (recent.Count >= limits.PerIssuer)
        {
            return new DeviceTokenRefusal(recent[recent.Count - limits.PerIssuer] + limits.Window - now, recent.Count, []);
        }
        var ofTeam = State.Values.Where(c => c.Kind == CredentialKind.Device && c.TeamId == credential.TeamId && c.IsActiveAt(now)).OrderBy(c => c.IssuedAt).ToList();
        if (ofTeam.Count >= limits.PerTeam)
        {
            return new DeviceTokenRefusal(null, recent.Count, ofTeam);
        }
        await Issue(credential);
        return null;
    }

    public async Task<Credential> Revoke(string id, string actor)
    {
        if (!State.TryGetValue(id, out var credential))
        {
            throw CommandRejectedException.NotFound("没有这个登录凭据，可能早已过期；请刷新列表后重试。");
        }
        if (credential.RevokedAt is null)
        {
            RaiseEvent(new CredentialRevoked(id), actor);
            await ConfirmEvents();
        }
        return State[id];
    }

    public async Task<IReadOnlyList<Credential>> RevokeAllOf(string subject, bool andTerminalsIssued, string actor)
    {
        var now = Time.GetUtcNow();
        var active = State.Values
            .Where(c => c.IsActiveAt(now) && (c.Subject == subject || (andTerminalsIssued && c.Kind == CredentialKind.Device && IssuedBy(c, subject))))
            .Select(c => c.Id)
            .ToList();
        foreach (var id in active)
        {
            RaiseEvent(new CredentialRevoked(id), actor);
        }
        await ConfirmEvents();
        return [.. active.Select(id => State[id])];
    }

    public Task<IReadOnlyList<Credential>> List()
    {
        var now = Time.GetUtcNow();
        return Task.FromResult<IReadOnlyList<Credential>>([.. State.Values.Where(c => c.ExpiresAt > now).OrderBy(c => c.IssuedAt)]);
    }

    /// <summary>Terminal tokens from before the issuer's username was recorded name them only in the actor,
    /// 值班员:王磊(gx.duty); a username cannot contain parentheses, so the suffix is theirs alone.</summary>
    private static bool IssuedBy(Credential credential, string subject) =>
        credential.IssuerSubject is { } issuer ? issuer == subject : credential.IssuedBy.EndsWith($"({subject})", StringComparison.Ordinal);

    private static ImmutableDictionary<string, Credential> Prune(ImmutableDictionary<string, Credential> state, DateTimeOffset now)
    {
        var expired = state.Values.Where(c => c.ExpiresAt < now - TimeSpan.FromDays(1)).Select(c => c.Id).ToList();
        return expired.Count == 0 ? state : state.RemoveRange(expired);
    }
}
