using Orleans;

namespace Command.Abstractions.Sweeps;

/// <summary>The one durable deadline behind every 排查 schedule of the city: the next end of a period.</summary>
public interface ISweepClockGrain : IGrainWithStringKey
{
    /// <summary>Starts the schedules (journaled once) and makes sure the next period end is scheduled.</summary>
    Task Start();
}
