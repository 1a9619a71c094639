namespace Command.Silo.Cluster;

/// <summary>The feed of a silo that is a cluster of one: nothing to publish to, nothing to hear.</summary>
public sealed class LocalFeed : IClusterFeed
{
    public void Publish<T>(string kind, string? key, T value) where T : class
    {
    }

    public void Subscribe<T>(string kind, Action<T> apply) where T : class
    {
    }

    public void OnMissed(Func<CancellationToken, Task> reload)
    {
    }
}
