using System.Runtime.CompilerServices;
using Command.Tests.Support;

namespace Command.Tests.Hosting;

/// <summary>
/// The test run starts hundreds of silos in one process. A stopped silo that something still references keeps its
/// grains, journal and pipeline (about 50 MB) to the end of the run, which is how a full run once grew to 15 GB and
/// thrashed the CI machine past its time limit.
/// </summary>
public sealed class SiloDisposalTests
{
    [Fact]
    public async Task AStoppedSiloIsCollected()
    {
        // The process's first host may be held for good by the runtime's event-counter thread, which captured the
        // test host's async-locals when it started: that one is not the silo under test.
        await StartUseAndStop();
        var silo = await StartUseAndStop();
        for (int attempt = 0; attempt < 30 && silo.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (silo.IsAlive)
            {
                await Task.Delay(500);
            }
        }
        Assert.False(silo.IsAlive, "A silo that was stopped is still referenced: its memory stays until the process ends.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> StartUseAndStop()
    {
        var app = new CommandApp();
        var api = app.Api();
        await app.CreateIncident(api);
        (await api.GetAsync("/api/teams")).EnsureSuccessStatusCode();
        await app.DisposeAsync();
        return new WeakReference(app);
    }
}
