using Command.Abstractions.Sweeps;
using Command.Silo.Runtime;

namespace Command.Silo.Sweeps;

/// <summary>
/// The one durable deadline of all 排查 schedules: the next end of a period. Periods end at shared Beijing midnights
/// (every village's week at once), so one deadline and one fan-out per end replaces a deadline, a timer and an Orleans
/// reminder per village; the village grains stay idle, and are collected, between their period ends.
/// </summary>
[GrainType("sweep-clock")]
public sealed class SweepClockGrain(SweepSchedule schedule, ILogger<SweepClockGrain> logger) : JournaledGrain<SweepClockState, SweepClockEvent>, ISweepClockGrain
{
    public const string CityKey = "city";
    private const string NextDeadline = "next";
    private const int FanOut = 16;

    protected override SweepClockState InitialState => SweepClockState.Empty;

    protected override bool MayHaveDeadlines => State.StartedAt is not null;

    protected override SweepClockState Apply(SweepClockState state, SweepClockEvent @event, EventMeta meta) => state.Apply(@event, meta);

    public async Task Start()
    {
        if (State.StartedAt is null)
        {
            RaiseEvent(new SweepClockStarted(), "system");
            await ConfirmEvents();
        }
        await ScheduleDeadline(NextDeadline, schedule.NextDue(State.SweptThrough ?? State.StartedAt!.Value));
    }

    protected override async Task OnDeadline(string name, DeadlineTick tick)
    {
        if (name != NextDeadline || State.StartedAt is not { } startedAt)
        {
            return;
        }
        var now = Time.GetUtcNow();
        var from = State.SweptThrough ?? startedAt;
        var due = schedule.Reporting.Where(j => schedule.PeriodAt(j, from).DueAt <= now).Select(j => j.Id).ToList();
        foreach (var batch in due.Chunk(FanOut))
        {
            // A schedule that cannot be reached fails the whole round, which is taken again: catching up twice changes nothing.
            await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<ISweepGrain>(id).CatchUp(startedAt)));
        }
        RaiseEvent(new SweepClockSwept(now, due.Count), "system");
        await ConfirmEvents();
        if (tick.Lateness > TimeSpan.FromMinutes(1))
        {
            logger.LogInformation("Caught up {Count} 排查 schedules {Late} late", due.Count, tick.Lateness);
        }
        await ScheduleDeadline(NextDeadline, schedule.NextDue(now));
    }
}
