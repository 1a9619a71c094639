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
            throw CommandRejectedException.Conflict($"Credential {credential.Id} was issued already.");
        }
        RaiseEvent(new CredentialIssued(credential), credential.IssuedBy);
        await ConfirmEvents();
    }

    public async Task<Credential> Revoke(string id, string actor)
    {
        if (!State.TryGetValue(id, out var credential))
        {
            throw CommandRejectedException.NotFound($"No active or recent credential has the id {id}.");
        }
        if (credential.RevokedAt is null)
        {
            RaiseEvent(new CredentialRevoked(id), actor);
            await ConfirmEvents();
        }
        return State[id];
    }

    public async Task<IReadOnlyList<Credential>> RevokeAllOf(string subject, string actor)
    {
        var now = Time.GetUtcNow();
        var active = State.Values.Where(c => c.Subject == subject && c.IsActiveAt(now)).Select(c => c.Id).ToList();
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

    private static ImmutableDictionary<string, Credential> Prune(ImmutableDictionary<string, Credential> state, DateTimeOffset now)
    {
        var expired = state.Values.Where(c => c.ExpiresAt < now - TimeSpan.FromDays(1)).Select(c => c.Id).ToList();
        return expired.Count == 0 ? state : state.RemoveRange(expired);
    }
}
