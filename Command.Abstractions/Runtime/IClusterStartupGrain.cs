using Orleans;

namespace Command.Abstractions.Runtime;

/// <summary>
/// The start-up work that belongs to the cluster, not to a silo: seeding the demo city and its accounts, releasing
/// the teams of closed incidents, waking the grains that hold deadlines. Each silo asks for it as it starts; one
/// activation runs it and the rest find it done.
/// </summary>
public interface IClusterStartupGrain : IGrainWithStringKey
{
    /// <summary>The seeding hashes passwords and commissions every team: far longer than an ordinary call.</summary>
    [ResponseTimeout("00:05:00")]
    Task Run();
}
