using Command.Silo.Access;
using Command.Silo.Cluster;
using Microsoft.AspNetCore.SignalR;

namespace Command.Silo.Realtime;

/// <summary>
/// The open hub connections by credential, so that revoking a session or token also closes the live feed it opened,
/// and so does its expiry: otherwise a revoked or expired console would go on hearing its county until it reconnected.
/// A request is checked against the register every time; a WebSocket only once, when it opens.
/// </summary>
public sealed class HubConnections : IDisposable
{
    // A system timer waits at most about 49 days; a far expiry (a terminal's 180 days) is approached a day at a time.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly Dictionary<string, Open> byCredential = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly IClusterFeed feed;
    private readonly CredentialCache credentials;
    private readonly TimeProvider time;

    public HubConnections(IClusterFeed feed, CredentialCache credentials, TimeProvider time)
    {
        this.feed = feed;
        this.credentials = credentials;
        this.time = time;
        // A console may be connected to any silo: each closes its own connections of a revoked credential. Expiry needs
        // no message: every silo watches the expiry of the connections it holds, on its own clock.
        feed.Subscribe<string>(FeedKinds.CloseConnections, CloseHere);
    }

    public void Add(string credentialId, HubCallerContext context)
    {
        if (Remaining(credentialId) is not { } wait)
        {
            // Expired between the request's check and now.
            context.Abort();
            return;
        }
        ITimer? created = null;
        lock (gate)
        {
            if (!byCredential.TryGetValue(credentialId, out var open))
            {
                byCredential[credentialId] = open = new Open(time.CreateTimer(_ => OnExpiry(credentialId), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
                created = open.Expiry;
            }
            open.Connections[context.ConnectionId] = context;
        }
        // Armed outside the lock: a fake clock runs a due callback on the arming thread.
        created?.Change(wait, Timeout.InfiniteTimeSpan);
    }

    public void Remove(string credentialId, string connectionId)
    {
        lock (gate)
        {
            if (byCredential.TryGetValue(credentialId, out var open) && open.Connections.Remove(connectionId) && open.Connections.Count == 0)
            {
                byCredential.Remove(credentialId);
                open.Expiry.Dispose();
            }
        }
    }

    /// <summary>Closes every connection opened with the credential, on every silo; the clients see the connection end.</summary>
    public void Close(string credentialId)
    {
        CloseHere(credentialId);
        feed.Publish<string>(FeedKinds.CloseConnections, null, credentialId);
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var open in byCredential.Values)
            {
                open.Expiry.Dispose();
            }
            byCredential.Clear();
        }
    }

    private void OnExpiry(string credentialId)
    {
        if (Remaining(credentialId) is not { } wait)
        {
            CloseHere(credentialId);
            return;
        }
        // Not yet: the expiry was further off than one timer waits, or the timer fired early.
        lock (gate)
        {
            if (byCredential.TryGetValue(credentialId, out var open))
            {
                open.Expiry.Change(wait, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>How long until the credential should next be looked at; null once it may no longer be used.</summary>
    private TimeSpan? Remaining(string credentialId)
    {
        if (credentials.Refusal(credentialId) is not null || credentials.Find(credentialId) is not { } credential)
        {
            return null;
        }
        var left = credential.ExpiresAt - time.GetUtcNow();
        return left <= TimeSpan.Zero ? null : left < LongestWait ? left : LongestWait;
    }

    private void CloseHere(string credentialId)
    {
        Open? open;
        lock (gate)
        {
            if (!byCredential.Remove(credentialId, out open))
            {
                return;
            }
        }
        open.Expiry.Dispose();
        foreach (var context in open.Connections.Values)
        {
            context.Abort();
        }
    }

    /// <summary>The connections of one credential and the timer that closes them when it expires.</summary>
    private sealed class Open(ITimer expiry)
    {
        public ITimer Expiry { get; } = expiry;

        public Dictionary<string, HubCallerContext> Connections { get; } = new(StringComparer.Ordinal);
    }
}
