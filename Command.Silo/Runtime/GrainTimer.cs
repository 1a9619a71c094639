namespace Command.Silo.Runtime;

/// <summary>A TimeProvider timer that never overlaps itself: the next tick is armed only after the callback finishes.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly ITimer timer;
    private readonly TimeSpan period;
    private readonly Func<Task> callback;
    private readonly Action onDispose;
    private int disposed;

    public GrainTimer(TimeProvider time, TimeSpan dueTime, TimeSpan period, Func<Task> callback, Action onDispose)
    {
        this.period = period;
        this.callback = callback;
        this.onDispose = onDispose;
        timer = time.CreateTimer(_ => _ = TickAsync(), null, dueTime, Timeout.InfiniteTimeSpan);
    }

    private async Task TickAsync()
    {
        await callback().ConfigureAwait(false);
        if (Volatile.Read(ref disposed) == 0 && period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            timer.Change(period, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            timer.Dispose();
            onDispose();
        }
    }
}
