namespace Command.Silo.Runtime;

/// <summary>One live instance of a grain. The turn lock is what makes a grain single-threaded:
/// a call holds it from its first line until its task completes, awaits included.</summary>
internal sealed class GrainActivation(GrainId id, Grain grain)
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly List<IDisposable> timers = [];

    public GrainId Id { get; } = id;
    public Grain Grain { get; } = grain;
    public bool IsActivated { get; set; }
    /// <summary>Set under the turn lock; a caller that then finds it set goes back to the catalog for a fresh activation.</summary>
    public bool IsDeactivated { get; set; }
    public long LastCallTicks { get; set; }
    public bool DeactivateRequested { get; set; }

    public Task EnterAsync() => turn.WaitAsync();

    public bool TryEnter() => turn.Wait(0);

    public void Exit() => turn.Release();

    public void AddTimer(IDisposable timer)
    {
        lock (timers)
        {
            timers.Add(timer);
        }
    }

    public void RemoveTimer(IDisposable timer)
    {
        lock (timers)
        {
            timers.Remove(timer);
        }
    }

    public void DisposeTimers()
    {
        IDisposable[] all;
        lock (timers)
        {
            all = [.. timers];
            timers.Clear();
        }
        // Outside the lock: disposing a timer calls back into RemoveTimer.
        foreach (var timer in all)
        {
            timer.Dispose();
        }
    }
}
