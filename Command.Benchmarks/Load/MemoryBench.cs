using System.Runtime;
using Command.Abstractions.Geo;
using Command.Abstractions.Incidents;
using Command.Abstractions.Runtime;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Realtime;
using Command.Silo.Runtime;
using Command.Silo.Storage;

namespace Command.Benchmarks.Load;

/// <summary>
/// What the silo keeps in memory: the managed heap after full, compacting collections, before and after adding
/// things, divided by how many were added. SQLite's page cache is native memory and not in these figures; the whole
/// process's working set is reported beside them.
/// </summary>
public static class MemoryBench
{
    public const double GoalBytesPerTeam = 4 * 1024;

    /// <summary>The managed heap once everything unreachable is gone.</summary>
    public static long SettledHeap()
    {
        for (int i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>The settled heap once the silo has written out its buffered positions and pushed its pending batch:
    /// a position waiting for the telemetry flush is on its way out, not something the silo keeps.</summary>
    public static async Task<long> SettledHeapAsync(BenchSilo silo)
    {
        await silo.Get<ITelemetryStore>().FlushAsync();
        await Task.Delay(ConsoleNotifier.MoveFlushInterval * 2);
        return SettledHeap();
    }

    /// <param name="before">The settled heap before the teams were commissioned.</param>
    /// <param name="after">The settled heap once each had reported a position and gone idle.</param>
    /// <param name="quick">A quick run weighs too few teams for a figure: an implausible one is then shown, not met,
    /// and not broken; in a full run it breaks the part, because a heap that shrank measured something else.</param>
    public static BenchRow PerTeam(long before, long after, int teams, bool quick)
    {
        double perTeam = (double)(after - before) / teams;
        bool implausible = perTeam <= 0;
        return new BenchRow("memory", $"memory per idle team (grain, its state and the read model; {BenchFormat.Count(teams)} teams)",
            implausible ? $"implausible: {BenchFormat.Bytes(perTeam)}" : BenchFormat.Bytes(perTeam))
        {
            Values = new Dictionary<string, double> { ["bytesPerTeam"] = perTeam, ["heapBefore"] = before, ["heapAfter"] = after },
            Goal = $"≤ {BenchFormat.Bytes(GoalBytesPerTeam)}",
            Met = !implausible && perTeam <= GoalBytesPerTeam,
            Broken = implausible && !quick ? $"the heap shrank by {BenchFormat.Bytes(-perTeam * teams)} while {BenchFormat.Count(teams)} teams were added" : null,
        };
    }

    /// <summary>Opens and closes incidents through the grains; measures each while its grain is still active (the
    /// first 15 minutes after its last call) and after idle collection, when only the lists' summary stays.</summary>
    /// <param name="quick">As for <see cref="PerTeam"/>: a figure at or below zero is shown as implausible in a quick run and
    /// breaks the part in a full one.</param>
    public static async Task<BenchRow> PerClosedIncidentAsync(BenchSilo silo, int count, bool quick, BenchProgress progress)
    {
        var intake = silo.Get<IncidentIntake>();
        var grains = silo.Get<IGrainFactory>();
        var map = silo.Get<JurisdictionMap>();
        var random = new Random(120);
        var points = Enumerable.Range(0, count).Select(_ => BenchIncidents.RandomPoint(map, random)).ToList();
        int done = 0;
        async Task OpenAndCloseAsync(IEnumerable<GeoPoint> at) => await Parallel.ForEachAsync(at, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (point, _) =>
        {
            var call = new IncidentCall(IncidentChannel.Police, IncidentType.PublicOrder, Severity.DefaultFor(IncidentType.PublicOrder), point,
                "压测地址", "压测：聚众斗殴", null, null);
            var incident = await intake.ReceiveAsync(call, "bench");
            await grains.GetGrain<IIncidentGrain>(incident.Id).Close("压测结束", "bench");
            progress.Report(0.9 * Interlocked.Increment(ref done) / count, $"{done} incidents closed");
        });
        // The first incidents of a silo also fill its one-time caches (serializer metadata, the day's register): not counted.
        await OpenAndCloseAsync(points.Take(20));
        await DeactivateIncidentsAsync(grains);
        long before = await SettledHeapAsync(silo);
        await OpenAndCloseAsync(points);
        long active = await SettledHeapAsync(silo);
        await DeactivateIncidentsAsync(grains);
        long idle = await SettledHeapAsync(silo);
        double perIdle = (double)(idle - before) / count;
        double perActive = (double)(active - before) / count;
        bool implausible = perIdle <= 0 || perActive <= 0;
        string figures = $"{BenchFormat.Bytes(perIdle)} once idle; {BenchFormat.Bytes(perActive)} while its grain is active";
        return new BenchRow("memory", $"memory per closed incident ({BenchFormat.Count(count)} opened and closed)",
            implausible ? $"implausible: {figures}" : figures)
        {
            Values = new Dictionary<string, double> { ["bytesPerIdleIncident"] = perIdle, ["bytesPerActiveIncident"] = perActive },
            Broken = implausible && !quick ? $"the heap did not grow as {BenchFormat.Count(count)} incidents were added ({figures})" : null,
        };
    }

    /// <summary>Asks for idle collection and waits until the incident activations are really gone: a deactivation finishes
    /// after the management call returns, and weighing the heap before that counted grains on their way out (a negative
    /// figure, once).</summary>
    private static async Task DeactivateIncidentsAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            var statistics = await management.GetSimpleGrainStatistics();
            if (statistics.Where(s => s.GrainType.Contains(nameof(IncidentGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount) == 0)
            {
                return;
            }
            await Task.Delay(200);
        }
    }

    public static BenchRow WholeProcess(string store, int teams, int incidents)
    {
        long heap = SettledHeap();
        long workingSet = Environment.WorkingSet;
        return new BenchRow("memory", $"whole process after start on {store}: {BenchFormat.Count(teams)} teams, {BenchFormat.Count(incidents)} journaled incidents",
            $"managed heap {BenchFormat.Bytes(heap)}; working set {BenchFormat.Bytes(workingSet)}")
        {
            Values = new Dictionary<string, double> { ["managedHeapBytes"] = heap, ["workingSetBytes"] = workingSet },
        };
    }
}
