using Orleans;
using Command.Silo.Runtime;
using Orleans.Concurrency;

namespace Command.Tests.Runtime;

/// <summary>A grain made to probe the runtime's guarantees.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);

    Task<int> AddThenThrow(int amount);

    Task<int> Get();

    /// <summary>Records how many calls were inside the grain at once.</summary>
    Task<int> Probe();

    Task<int> MaxConcurrency();

    Task CallSelf();

    Task PingOther(string otherKey);

    /// <summary>Answers by pinging the caller back one-way, while the caller is still waiting.</summary>
    Task PingBack(string fromKey);

    [OneWay]
    Task Ping(string fromKey);

    /// <summary>Asks another grain to read this one back synchronously: a call cycle.</summary>
    Task<int> AskOtherToReadMe(string otherKey);

    Task<int> ReadBack(string fromKey);

    Task<IReadOnlyList<string>> Pings();

    Task RemindAt(DateTimeOffset dueAt);

    Task CancelReminder();

    /// <summary>The next deadlines' handlers raise an event and throw.</summary>
    Task FailNextDeadlines(int count);

    Task<IReadOnlyList<DeadlineTick>> Reminders();

    Task StartTimer(TimeSpan period);

    Task<int> TimerTicks();

    Task<int> Activations();
}
