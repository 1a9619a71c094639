using Command.Abstractions.Runtime;
using Orleans.Placement;

namespace Command.Silo.Hosting;

/// <summary>Runs <see cref="ClusterStartup"/> once per activation. It is placed on the first silo that asks, whose read
/// models are loaded by then; calls are one at a time, so a second silo starting meanwhile waits and finds it done.</summary>
[GrainType("cluster-startup")]
[PreferLocalPlacement]
internal sealed class ClusterStartupGrain(ClusterStartup work) : Grain, IClusterStartupGrain
{
    public const string Key = "cluster";

    private bool done;

    public async Task Run()
    {
        if (!done)
        {
            await work.RunAsync(CancellationToken.None);
            done = true;
        }
    }
}
