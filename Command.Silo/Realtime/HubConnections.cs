using System.Collections.Concurrent;
using Command.Silo.Cluster;
using Microsoft.AspNetCore.SignalR;

namespace Command.Silo.Realtime;

/// <summary>
/// The open hub connections by credential, so that revoking a session or token also closes the live feed it opened;
/// otherwise a revoked console would go on hearing its county until it reconnected.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> byCredential = new();
    private readonly IClusterFeed feed;

    public HubConnections(IClusterFeed feed)
    {
        this.feed = feed;
        // A console may be connected to any silo: each closes its own connections of a revoked credential.
        feed.Subscribe<string>(FeedKinds.CloseConnections, CloseHere);
    }

    public void Add(string credentialId, HubCallerContext context) =>
        byCredential.GetOrAdd(credentialId, _ => new()).TryAdd(context.ConnectionId, context);

    public void Remove(string credentialId, string connectionId)
    {
        if (byCredential.TryGetValue(credentialId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    /// <summary>Closes every connection opened with the credential, on every silo; the clients see the connection end.</summary>
    public void Close(string credentialId)
    {
        CloseHere(credentialId);
        feed.Publish<string>(FeedKinds.CloseConnections, null, credentialId);
    }

    private void CloseHere(string credentialId)
    {
        if (byCredential.TryRemove(credentialId, out var connections))
        {
            foreach (var context in connections.Values)
            {
                context.Abort();
            }
        }
    }
}
