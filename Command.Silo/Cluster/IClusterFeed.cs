namespace Command.Silo.Cluster;

/// <summary>
/// How a silo's in-memory read models (lists, the map, the credential mirror, the sign-in throttle) hear of changes
/// made on the other silos of the cluster. A grain lives on one silo and updates that silo's read models directly;
/// what it publishes here reaches every other silo within a flush. One silo alone has nobody to tell.
/// </summary>
public interface IClusterFeed
{
    /// <summary>Tells the other silos. Within one flush only the latest value per <paramref name="key"/> is sent;
    /// a null key is never coalesced (an event, not a state).</summary>
    void Publish<T>(string kind, string? key, T value) where T : class;

    /// <summary>Applies what another silo published under <paramref name="kind"/>; never called for this silo's own.</summary>
    void Subscribe<T>(string kind, Action<T> apply) where T : class;

    /// <summary>What to do once it is known that changes from another silo were missed for good (they left the feed
    /// before this silo could read them): reload the read models from the store. Called from the feed's reader, which
    /// applies nothing else meanwhile; a failed reload is tried again.</summary>
    void OnMissed(Func<CancellationToken, Task> reload);
}
