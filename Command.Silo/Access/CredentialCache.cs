using System.Collections.Concurrent;
using Command.Abstractions.Access;
using Command.Silo.Cluster;

namespace Command.Silo.Access;

/// <summary>
/// The credential register as every request reads it: in memory, so checking a token costs a dictionary lookup and
/// not a grain call. The register grain is the durable truth; this is filled from it at start and updated by every
/// issue and revocation as soon as the grain has confirmed it, so a revoked token stops working at once.
/// </summary>
public sealed class CredentialCache
{
    private readonly ConcurrentDictionary<string, Credential> credentials = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastUseAudited = new();
    private readonly TimeProvider time;
    private readonly IClusterFeed feed;

    public CredentialCache(TimeProvider time, IClusterFeed feed)
    {
        this.time = time;
        this.feed = feed;
        // Every silo checks every request against its own mirror: an issue or a revocation on one silo is told to all.
        feed.Subscribe<Credential>(FeedKinds.Credential, Merge);
    }

    public void Load(IEnumerable<Credential> all)
    {
        foreach (var credential in all)
        {
            Merge(credential);
        }
    }

    public void Put(Credential credential)
    {
        Merge(credential);
        feed.Publish(FeedKinds.Credential, credential.Id, credential);
    }

    /// <summary>A revocation is final: a late or reloaded copy from before it never makes the token good again.</summary>
    private void Merge(Credential credential) =>
        credentials.AddOrUpdate(credential.Id, credential, (_, existing) => existing.RevokedAt is not null && credential.RevokedAt is null ? existing : credential);

    public Credential? Find(string id) => credentials.GetValueOrDefault(id);

    /// <summary>Why a credential may not be used now; null when it may.</summary>
    public string? Refusal(string id)
    {
        var now = time.GetUtcNow();
        return credentials.TryGetValue(id, out var credential) switch
        {
            false => "unknown credential",
            true when credential.RevokedAt is not null => $"revoked at {credential.RevokedAt:O} by {credential.RevokedBy}",
            true when now >= credential.ExpiresAt => $"expired at {credential.ExpiresAt:O}",
            _ => null,
        };
    }

    /// <summary>True the first time a token is used and then once per interval, so use is audited without a journal
    /// write for every position a terminal sends.</summary>
    public bool ShouldAuditUse(string id, TimeSpan interval)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            if (!lastUseAudited.TryGetValue(id, out var last))
            {
                if (lastUseAudited.TryAdd(id, now))
                {
                    return true;
                }
                continue;
            }
            if (now - last < interval)
            {
                return false;
            }
            if (lastUseAudited.TryUpdate(id, now, last))
            {
                return true;
            }
        }
    }
}
