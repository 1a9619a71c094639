using Orleans;
using Command.Silo.Runtime;
using Orleans.Runtime;

namespace Command.Tests.Runtime;

[GrainType("counter")]
public sealed class CounterGrain(ActivationLog log) : JournaledGrain<CounterState, CounterEvent>, ICounterGrain
{
    private int inside;
    private int maxInside;
    private int timerTicks;
    private readonly List<string> pings = [];
    private int failDeadlines;

    protected override CounterState InitialState => CounterState.Empty;

    protected override int SnapshotEvery => 4;

    protected override CounterState Apply(CounterState state, CounterEvent @event, EventMeta meta) => @event switch
    {
        Added a => state with { Total = state.Total + a.Amount },
        Reminded r => state with { Reminders = state.Reminders.Add(new DeadlineTick(r.DueAt, r.FiredAt)) },
        _ => state,
    };

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Activated(Key);
        return base.OnActivateAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Deactivated(Key);
        return Task.CompletedTask;
    }

    public async Task<int> Add(int amount)
    {
        RaiseEvent(new Added(amount), "test");
        await ConfirmEvents();
        return State.Total;
    }

    public async Task<int> AddThenThrow(int amount)
    {
        RaiseEvent(new Added(amount), "test");
        await Task.Yield();
        throw new InvalidOperationException("boom after raising an event");
    }

    public Task<int> Get() => Task.FromResult(State.Total);

    public async Task<int> Probe()
    {
        inside++;
        maxInside = Math.Max(maxInside, inside);
        await Task.Yield();
        await Task.Delay(0);
        inside--;
        return maxInside;
    }

    public Task<int> MaxConcurrency() => Task.FromResult(maxInside);

    public Task CallSelf() => GrainFactory.GetGrain<ICounterGrain>(Key).Get();

    public Task PingOther(string otherKey) => GrainFactory.GetGrain<ICounterGrain>(otherKey).PingBack(Key);

    public Task PingBack(string fromKey) => GrainFactory.GetGrain<ICounterGrain>(fromKey).Ping(Key);

    public Task<int> AskOtherToReadMe(string otherKey) => GrainFactory.GetGrain<ICounterGrain>(otherKey).ReadBack(Key);

    public Task<int> ReadBack(string fromKey) => GrainFactory.GetGrain<ICounterGrain>(fromKey).Get();

    public Task Ping(string fromKey)
    {
        pings.Add(fromKey);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> Pings() => Task.FromResult<IReadOnlyList<string>>([.. pings]);

    protected override bool MayHaveDeadlines => true;

    public Task RemindAt(DateTimeOffset dueAt) => ScheduleDeadline("tick", dueAt);

    public Task CancelReminder() => CancelDeadline("tick");

    protected override async Task OnDeadline(string name, DeadlineTick tick)
    {
        if (failDeadlines > 0)
        {
            failDeadlines--;
            RaiseEvent(new Added(1000), "reminder");
            throw new InvalidOperationException("the deadline's handler failed");
        }
        RaiseEvent(new Reminded(tick.DueAt, tick.FiredAt), "reminder");
        await ConfirmEvents();
    }

    public Task FailNextDeadlines(int count)
    {
        failDeadlines = count;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadlineTick>> Reminders() => Task.FromResult<IReadOnlyList<DeadlineTick>>(State.Reminders);

    public Task StartTimer(TimeSpan period)
    {
        this.RegisterGrainTimer(() =>
        {
            timerTicks++;
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task<int> TimerTicks() => Task.FromResult(timerTicks);

    public Task<int> Activations() => Task.FromResult(log.Count(Key));
}
