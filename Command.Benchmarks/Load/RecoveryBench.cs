using Command.Silo.Demo;
using Command.Silo.Hosting;
using Command.Silo.Incidents;
using Command.Silo.Patrols;

namespace Command.Benchmarks.Load;

/// <summary>
/// Start to serving on a store holding a history: a silo seeds it (<see cref="JournalSeeder"/>) and stops, the managed
/// heap is settled, and a new silo starts on it in this process, timed from building the host to /healthz answering
/// "serving". The JIT is warm by then, so a cold process start takes somewhat longer. The restarted silo is then handed
/// to <paramref name="whileUp"/> (the Redis append comparison runs on its store).
/// </summary>
public static class RecoveryBench
{
    public const double GoalSeconds = 3;

    /// <param name="redis">The Redis server, for <see cref="StorageKind.Redis"/>; every key starts with <paramref name="keyPrefix"/>.</param>
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(StorageKind store, string? redis, string keyPrefix, IReadOnlyList<DemoTeam> teams, int incidents,
        BenchLog log, BenchProgress progress, Func<BenchSilo, Task<IEnumerable<BenchRow>>>? whileUp = null)
    {
        string name = store.ToString().ToLowerInvariant();
        var options = new SiloOptions { Storage = store, DataDirectory = BenchSilo.NewDataDirectory(), Redis = redis ?? "", Demo = false };
        var settings = new Dictionary<string, string?> { ["Storage:Redis:KeyPrefix"] = keyPrefix };
        try
        {
            await using (var seeding = await BenchSilo.StartAsync(options, log, ownsData: false, settings: settings))
            {
                await JournalSeeder.SeedAsync(seeding, teams, incidents, progress);
            }
            progress.Report(0.9, "restarting");
            MemoryBench.SettledHeap();
            await using var silo = await BenchSilo.StartAsync(options, log, ownsData: false, settings: settings);
            int listed = silo.Get<IncidentCatalog>().Count, teamsUp = silo.Get<TeamRegistry>().Count;
            double seconds = silo.StartToServing.TotalSeconds;
            var rows = new List<BenchRow>
            {
                new("recovery", $"recovery on {name}: start to serving, {BenchFormat.Count(incidents)} journaled incidents, {BenchFormat.Count(teams.Count)} teams",
                    $"{BenchFormat.Seconds(seconds)} ({BenchFormat.Seconds(silo.StartCpu.TotalSeconds)} of CPU)")
                {
                    Values = new Dictionary<string, double> { ["seconds"] = seconds, ["cpuSeconds"] = silo.StartCpu.TotalSeconds, ["incidents"] = listed, ["teams"] = teamsUp },
                    Goal = $"≤ {GoalSeconds:0} s",
                    Met = seconds <= GoalSeconds,
                    Broken = listed < incidents || teamsUp < teams.Count
                        ? $"after the restart {listed} incidents and {teamsUp} teams were loaded, not {incidents} and {teams.Count}"
                        : null,
                },
                MemoryBench.WholeProcess(name, teamsUp, listed),
            };
            if (whileUp is not null)
            {
                rows.AddRange(await whileUp(silo));
            }
            return rows;
        }
        finally
        {
            if (store == StorageKind.Sqlite && Directory.Exists(options.DataDirectory))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(options.DataDirectory, recursive: true);
            }
        }
    }
}
