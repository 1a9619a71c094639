using System.Collections.Concurrent;

namespace Command.Tests.Runtime;

public sealed class ActivationLog
{
    private readonly ConcurrentQueue<(string Key, bool Activated)> entries = new();

    public void Activated(string key) => entries.Enqueue((key, true));

    public void Deactivated(string key) => entries.Enqueue((key, false));

    public int Count(string key) => entries.Count(e => e.Key == key && e.Activated);

    public int Deactivations(string key) => entries.Count(e => e.Key == key && !e.Activated);
}
