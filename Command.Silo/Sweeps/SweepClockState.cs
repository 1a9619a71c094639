using Command.Silo.Runtime;

namespace Command.Silo.Sweeps;

public sealed record SweepClockState(DateTimeOffset? StartedAt, DateTimeOffset? SweptThrough)
{
    public static SweepClockState Empty { get; } = new(null, null);

    public SweepClockState Apply(SweepClockEvent @event, EventMeta meta) => @event switch
    {
        SweepClockStarted => this with { StartedAt = meta.At },
        SweepClockSwept s => this with { SweptThrough = s.Through },
        _ => this,
    };
}
