using Command.Silo.Cluster;

namespace Command.Tests.Cluster;

/// <summary>A cluster feed that hears nothing from the other silos, as if every change had left the Redis log before
/// this silo read it; the test plays the feed's part and runs the reload the silo handed it.</summary>
public sealed class MissedFeed : IClusterFeed
{
    private Func<CancellationToken, Task>? reload;

    public void Publish<T>(string kind, string? key, T value) where T : class
    {
    }

    public void Subscribe<T>(string kind, Action<T> apply) where T : class
    {
    }

    public void OnMissed(Func<CancellationToken, Task> reload) => this.reload = reload;

    public Task ReloadAsync() =>
        (reload ?? throw new InvalidOperationException("The silo never said how to reload its read models")).Invoke(CancellationToken.None);
}
