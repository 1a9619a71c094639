namespace Command.Tests.Support;

/// <summary>
/// A clock that moves only when a test says so. Timers fire, in due order, inside <see cref="Advance"/>;
/// everything that reads time through TimeProvider sees the same instant. Hand-written because
/// Microsoft.Extensions.TimeProvider.Testing cannot be installed here.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object gate = new();
    private readonly List<FakeTimer> timers = [];
    private DateTimeOffset now = start;

    public FakeTimeProvider() : this(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, stopping at each timer's due time to fire it.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate)
        {
            target = now + by;
        }
        while (true)
        {
            FakeTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.DueAt is { } due && due <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    now = target;
                    return;
                }
                if (next.DueAt > now)
                {
                    now = next.DueAt!.Value;
                }
                next.Rearm();
            }
            next.Fire();
        }
    }

    public void SetUtcNow(DateTimeOffset value) => Advance(value - GetUtcNow());

    public int ActiveTimers
    {
        get
        {
            lock (gate)
            {
                return timers.Count(t => t.DueAt is not null);
            }
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.gate)
            {
                this.period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner.now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                if (!owner.timers.Contains(this))
                {
                    owner.timers.Add(this);
                }
            }
            return true;
        }

        /// <summary>Called under the owner's lock just before firing.</summary>
        public void Rearm() =>
            DueAt = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? null : DueAt + period;

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.gate)
            {
                DueAt = null;
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
