using Command.Abstractions.Runtime;
using Command.Silo.Storage;
using Command.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Runtime;

namespace Command.Tests.Runtime;

public sealed class GrainRuntimeTests
{
    private readonly MemoryStore store = new();
    private readonly FakeTimeProvider time = TestClock.Create();

    [Fact]
    public async Task ThousandConcurrentCallsToOneGrainNeverInterleave()
    {
        await using var silo = await TestSilo.StartAsync(store, store, time);
        var grain = silo.Grains.GetGrain<ICounterGrain>("busy");

        var probes = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.Probe()));
        var adds = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.Add(1)));
        await Task.WhenAll(probes.Concat<Task>(adds));

        Assert.Equal(1, await grain.MaxConcurrency());
        Assert.Equal(1000, await grain.Get());
        Assert.Equal(1000, (await store.ReadAsync("counter/busy", 0)).Count);
    }

    [Fact]
    public async Task GrainThatThrowsKeepsItsLastConfirmedState()
    {
        await using var silo = await TestSilo.StartAsync(store, store, time);
        var grain = silo.Grains.GetGrain<ICounterGrain>("fragile");
        await grain.Add(5);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.AddThenThrow(100));

        Assert.Equal("boom after raising an event", error.Message);
        Assert.Equal(5, await grain.Get());
        Assert.Equal(12, await grain.Add(7));
        Assert.Equal([1L, 2L], (await store.ReadAsync("counter/fragile", 0)).Select(e => e.Seq));
    }

    [Fact]
    public async Task AppendThatFailedAfterLandingIsReloadedInsteadOfConflictingForever()
    {
        var journal = new AmbiguousJournal(store);
        await using var silo = await TestSilo.StartAsync(journal, store, time);
        var grain = silo.Grains.GetGrain<ICounterGrain>("ambiguous");
        await grain.Add(5);

        journal.FailNextAfterWriting = true;
        await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.Add(1));

        Assert.Equal(8, await grain.Add(2)); // the 1 did land; the grain reloaded it rather than writing at a stale version
        Assert.Equal([1L, 2L, 3L], (await store.ReadAsync("counter/ambiguous", 0)).Select(e => e.Seq));
        Assert.Equal(2, silo.Log.Count("ambiguous"));
    }

    [Fact]
    public async Task StateIsRebuiltFromSnapshotAndFollowingEventsInANewProcess()
    {
        await using (var first = await TestSilo.StartAsync(store, store, time))
        {
            for (int i = 1; i <= 10; i++)
            {
                await first.Grains.GetGrain<ICounterGrain>("durable").Add(i);
            }
        }
        var snapshot = await store.ReadSnapshotAsync("counter/durable");
        Assert.Equal(8, snapshot!.Version); // SnapshotEvery = 4: written at 4 and 8, replay covers 9 and 10

        await using var second = await TestSilo.StartAsync(store, store, time);
        Assert.Equal(55, await second.Grains.GetGrain<ICounterGrain>("durable").Get());
    }

    [Fact]
    public async Task CallingItselfFailsFastInsteadOfDeadlocking()
    {
        await using var silo = await TestSilo.StartAsync(store, store, time);

        await Assert.ThrowsAsync<GrainCallCycleException>(() => silo.Grains.GetGrain<ICounterGrain>("narcissus").CallSelf());
        await Assert.ThrowsAsync<GrainCallCycleException>(() => silo.Grains.GetGrain<ICounterGrain>("a").AskOtherToReadMe("b"));
    }

    [Fact]
    public async Task OneWayCallBackToAWaitingGrainDoesNotDeadlock()
    {
        await using var silo = await TestSilo.StartAsync(store, store, time);
        var a = silo.Grains.GetGrain<ICounterGrain>("a");

        await a.PingOther("b");

        await Eventually.Get(() => a.Pings(), pings => pings.Count == 1, "the one-way ping to arrive");
        Assert.Equal(["b"], await a.Pings());
    }

    [Fact]
    public async Task DeactivatedGrainsComeBackWithTheirState()
    {
        await using var silo = await TestSilo.StartAsync(store, store, time);
        var grain = silo.Grains.GetGrain<ICounterGrain>("sleepy");
        await grain.Add(3);

        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Eventually.True(() => silo.Log.Deactivations("sleepy") == 1, "the collection");

        Assert.Equal(3, await grain.Get());
        Assert.Equal(2, silo.Log.Count("sleepy"));
    }

    [Fact]
    public async Task TimerTicksRunAsTurnsOnTheFakeClock()
    {
        await using var silo = await TestSilo.StartAsync(store, store, time);
        var grain = silo.Grains.GetGrain<ICounterGrain>("ticker");
        await grain.StartTimer(TimeSpan.FromSeconds(10));

        for (int i = 1; i <= 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Eventually.Get(() => grain.TimerTicks(), ticks => ticks == i, $"tick {i}");
        }
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(3, await grain.TimerTicks());
    }

    [Fact]
    public async Task DeadlineFiresAtItsDueTimeAndItsWakeUpReminderGoesWithIt()
    {
        await using var silo = await TestSilo.StartAsync(store, store, time);
        var grain = silo.Grains.GetGrain<ICounterGrain>("punctual");
        var due = time.GetUtcNow().AddMinutes(5);
        await grain.RemindAt(due);
        Assert.Contains(await store.ReadAllAsync(), GrainReminderTable.IsOrleansRow);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(await grain.Reminders());
        time.Advance(TimeSpan.FromMinutes(1));

        var fired = await Eventually.Get(() => grain.Reminders(), r => r.Count == 1, "the deadline");
        Assert.Equal(due, fired[0].DueAt);
        Assert.Equal(TimeSpan.Zero, fired[0].Lateness);
        await Eventually.Get(() => store.ReadAllAsync(), rows => rows.Count == 0, "the deadline and its Orleans reminder to be removed");
    }

    [Fact]
    public async Task DeadlineDueWhileTheSiloWasDownFiresOnceWhenItsGrainComesBackWithItsLateness()
    {
        var due = time.GetUtcNow().AddMinutes(5);
        await using (var before = await TestSilo.StartAsync(store, store, time))
        {
            await before.Grains.GetGrain<ICounterGrain>("sleeper").RemindAt(due);
        }

        time.Advance(TimeSpan.FromMinutes(30)); // the silo is down: nobody is listening

        await using (var after = await TestSilo.StartAsync(store, store, time))
        {
            var grain = after.Grains.GetGrain<ICounterGrain>("sleeper");
            var fired = await Eventually.Get(() => grain.Reminders(), r => r.Count == 1, "the overdue deadline");
            Assert.Equal(TimeSpan.FromMinutes(25), fired[0].Lateness);
            await Eventually.Get(() => store.ReadAllAsync(), rows => rows.Count == 0, "the rows to be removed");
        }

        await using var again = await TestSilo.StartAsync(store, store, time);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Single(await again.Grains.GetGrain<ICounterGrain>("sleeper").Reminders());
    }

    [Fact]
    public async Task DeadlineWhoseHandlerThrowsLeavesNoTraceAndIsTakenAgain()
    {
        await using var silo = await TestSilo.StartAsync(store, store, time);
        var grain = silo.Grains.GetGrain<ICounterGrain>("retried");
        await grain.Add(1);
        await grain.FailNextDeadlines(1);
        await grain.RemindAt(time.GetUtcNow().AddMinutes(1));

        time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.Get(() => grain.Get(), _ => store.ReadAllAsync().Result.Any(r => r.Name == "tick"), "the failed deadline to stay pending");
        Assert.Empty(await grain.Reminders());
        Assert.Equal(1, await grain.Get());

        time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.Get(() => grain.Reminders(), r => r.Count == 1, "the retry");
        Assert.Equal(1, await grain.Get());
    }

    [Fact]
    public async Task CancelledDeadlineNeverFires()
    {
        await using var silo = await TestSilo.StartAsync(store, store, time);
        var grain = silo.Grains.GetGrain<ICounterGrain>("cancelled");
        await grain.RemindAt(time.GetUtcNow().AddMinutes(1));
        await grain.CancelReminder();

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(await grain.Reminders());
        Assert.Empty(await store.ReadAllAsync());
    }
}
