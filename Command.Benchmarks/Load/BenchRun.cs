using System.Diagnostics;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Command.Silo.Storage;
using Microsoft.AspNetCore.Builder;

namespace Command.Benchmarks.Load;

/// <summary>
/// One bench run: the parts in order, each in a silo of its own or sharing the main one, every part caught on its own
/// so that one broken part is reported as broken while the others still run.
/// Order: recovery first (its whole-process memory is then closest to a fresh process), then the main silo's parts
/// (memory per idle team, mailbox, ingest, recommendations, fan-out), then the timers, which need rules of their own.
/// Memory per closed incident has a quiet silo of its own, and the mailbox's cross-silo call a two-silo cluster on Redis.
/// </summary>
public sealed class BenchRun(BenchOptions options, BenchProgress progress)
{
    public BenchLog Log { get; } = new();

    public BenchReport Report { get; } = new(options, MachineInfo.Read());

    private int step;
    private int stepCount = 1;
    private PrivateRedis? privateRedis;

    public async Task<BenchReport> RunAsync()
    {
        string[] mainParts = ["mailbox", "ingest", "recommend", "fanout", "memory"];
        bool sqliteRecovery = options.Runs("recovery"), redis = options.Runs("recovery") || options.Runs("redis");
        bool main = mainParts.Any(options.Runs), timers = options.Runs("timers"), capacity = options.Runs("capacity");
        stepCount = (sqliteRecovery ? 1 : 0) + (redis ? 1 : 0) + (options.Runs("memory") ? 1 : 0) + (main ? 1 + mainParts.Count(p => p != "memory" && options.Runs(p)) : 0)
            + (options.Runs("mailbox") ? 1 : 0) + (timers ? 1 : 0) + (capacity ? 1 : 0) + (options.Runs("statistics") ? 1 : 0) + (options.Runs("track") ? 1 : 0);
        try
        {
            if (sqliteRecovery)
            {
                Next("recovery on sqlite");
                await Part("recovery", "recovery on sqlite", () => RecoveryAsync(StorageKind.Sqlite, null));
            }
            if (redis)
            {
                Next("recovery and appends on redis");
                await Part(options.Runs("recovery") ? "recovery" : "redis", "recovery on redis", async () =>
                {
                    return await RecoveryAsync(StorageKind.Redis, await RedisServerAsync());
                });
            }
            if (options.Runs("memory"))
            {
                // In a silo of its own, with no teams and no load before it: in the main silo the buffer pools left by the
                // load parts, and the 10,000 team grains it must deactivate, shrink while incidents are weighed.
                Next("memory per closed incident");
                await Part("memory", "memory per closed incident", async () =>
                {
                    await using var silo = await BenchSilo.StartAsync(
                        new SiloOptions { Storage = StorageKind.Sqlite, DataDirectory = BenchSilo.NewDataDirectory(), Demo = false }, Log, ownsData: true);
                    return [await MemoryBench.PerClosedIncidentAsync(silo, options.ClosedIncidents, options.Quick, progress)];
                });
            }
            if (main)
            {
                await MainAsync();
            }
            if (timers)
            {
                Next("timers");
                await Part("timers", "timer lateness", async () => [await TimerLatencyBench.RowAsync(options.Windows, Log, progress)]);
            }
            if (capacity)
            {
                Next("capacity on redis");
                await Part("capacity", "capacity on redis", async () =>
                {
                    // Measured as production runs Redis: every write on disk before it is acknowledged.
                    using var durable = options.Redis is null ? await PrivateRedis.StartAsync(durable: true) : null;
                    return await CapacityBench.RunAsync(options.Redis ?? durable!.Endpoint, options.Quick, options.Duration, Log, progress);
                });
            }
            if (options.Runs("statistics"))
            {
                // In process and on its own: the query is a pass over memory, so a silo around it would only add noise.
                Next("statistics");
                await Part("statistics", "statistics", () => Task.FromResult<IEnumerable<BenchRow>>(
                    StatisticsBench.Run(options.Cases, options.StatisticsRuns, progress)));
            }
            if (options.Runs("track"))
            {
                // On its own: the store and its flush loop without a silo, so what is measured is the track log's own pace.
                Next("track log");
                await Part("track", "track log", async () => [await TrackBench.RunAsync(options.Duration, Log, progress)]);
            }
            Report.SampleLoad();
        }
        finally
        {
            progress.End();
            privateRedis?.Dispose();
        }
        return Report;
    }

    private void Next(string name)
    {
        Report.SampleLoad();
        progress.Begin(name, step++, stepCount);
    }

    /// <summary>Runs a part; an exception becomes a broken row, so the run goes on and still fails at the end.</summary>
    private async Task Part(string part, string measure, Func<Task<IEnumerable<BenchRow>>> run)
    {
        if (!options.Runs(part))
        {
            return;
        }
        try
        {
            Report.Add(await run());
        }
        catch (Exception ex)
        {
            Report.Add([BenchRow.Failed(part, measure, $"{ex.GetType().Name}: {ex.Message}")]);
        }
    }

    private async Task<IEnumerable<BenchRow>> RecoveryAsync(StorageKind store, string? server)
    {
        bool recovery = options.Runs("recovery");
        string keyPrefix = $"command-bench-{Guid.NewGuid():N}:";
        var map = JurisdictionMap.Load(JurisdictionMap.FindMapsDirectory());
        var teams = BenchTeams.Create(map, recovery ? options.Teams : 1);
        try
        {
            var rows = await RecoveryBench.RunAsync(store, server, keyPrefix, teams, recovery ? options.JournaledIncidents : 0, Log, progress,
                store == StorageKind.Redis && options.Runs("redis")
                    ? async silo =>
                    {
                        try
                        {
                            return [await RedisBench.RunAsync(silo.Get<IEventJournal>(), server!, keyPrefix, options.RedisRequests, progress)];
                        }
                        catch (Exception ex)
                        {
                            return [BenchRow.Failed("redis", "Redis journal append", $"{ex.GetType().Name}: {ex.Message}")];
                        }
                    }
                    : null);
            return recovery ? rows : rows.Where(r => r.Part == "redis");
        }
        finally
        {
            if (store == StorageKind.Redis && options.Redis is not null)
            {
                await RedisBench.DeleteKeysAsync(options.Redis, keyPrefix);
            }
        }
    }

    /// <summary>One silo on SQLite with the bench's teams commissioned through the grains, for every part that needs
    /// live teams; the bare hub baseline is mapped beside its own hub.</summary>
    private async Task MainAsync()
    {
        BenchSilo silo;
        try
        {
            silo = await BenchSilo.StartAsync(new SiloOptions { Storage = StorageKind.Sqlite, DataDirectory = BenchSilo.NewDataDirectory(), Demo = false },
                Log, ownsData: true, map: app => app.MapHub<BareHub>(BareHub.Path).AllowAnonymous());
        }
        catch (Exception ex)
        {
            Report.Add([BenchRow.Failed("main", "main silo start", $"{ex.GetType().Name}: {ex.Message}")]);
            return;
        }
        await using (silo)
        {
            Next($"commissioning {BenchFormat.Count(options.Teams)} teams");
            var teams = BenchTeams.Create(silo.Get<JurisdictionMap>(), options.Teams);
            var grains = silo.Get<IGrainFactory>();
            long heapBefore = await MemoryBench.SettledHeapAsync(silo);
            var commissioning = Stopwatch.StartNew();
            await BenchTeams.CommissionAsync(grains, teams, done => progress.Report((double)done / teams.Count, $"{done} teams"));
            double commissionSeconds = commissioning.Elapsed.TotalSeconds;
            long heapAfter = await MemoryBench.SettledHeapAsync(silo);
            await Part("memory", "memory per idle team", () => Task.FromResult<IEnumerable<BenchRow>>(
            [
                MemoryBench.PerTeam(heapBefore, heapAfter, teams.Count, options.Quick) is var row
                    ? row with { Values = new Dictionary<string, double>(row.Values) { ["commissionSeconds"] = commissionSeconds } }
                    : row,
            ]));

            using var http = silo.CreateClient(await silo.IssueTokenAsync("bench dispatcher"), 4);
            NextIf("mailbox");
            await Part("mailbox", "grain call", async () => await MailboxBench.RunAsync(grains.GetGrain<IPatrolTeamGrain>(teams[0].Id), options.Duration, progress));
            NextIf("mailbox", "cross-silo grain call");
            await Part("mailbox", "cross-silo grain call", async () => options.Redis is null && PrivateRedis.Find("redis-server") is null
                ? [ClusterBench.Skipped("redis-server is not installed (apt-get install redis-server), or pass --redis HOST:PORT")]
                : await ClusterBench.RunAsync(await RedisServerAsync(), options.Duration, Log, progress));
            NextIf("ingest");
            await Part("ingest", "position ingest in process", async () => [await IngestBench.InProcessAsync(grains, teams, options.Duration, options.Quick, progress)]);
            await Part("ingest", "position ingest over HTTP", async () =>
                [await IngestBench.OverHttpAsync(silo, teams, options.Quick ? 16 : 64, options.Duration, options.Quick, progress)]);
            NextIf("recommend");
            await Part("recommend", "recommendations", async () =>
            {
                var map = silo.Get<JurisdictionMap>();
                var random = new Random(5);
                var incidents = new List<string>();
                for (int i = 0; i < 20; i++)
                {
                    incidents.Add(await BenchIncidents.PostAsync(http, BenchIncidents.RandomPoint(map, random), $"压测推荐-{i}"));
                }
                return await RecommendationBench.RunAsync(silo, http, incidents, teams.Count, options.RecommendSamples, progress);
            });
            NextIf("fanout");
            await Part("fanout", "fan-out", async () => await FanOutBench.RunAsync(silo, http, teams, options, progress));
        }
    }

    private void NextIf(string part, string? name = null)
    {
        if (options.Runs(part))
        {
            Next(name ?? part);
        }
    }

    /// <summary>The server given with --redis, or the bench's own, started the first time a part needs it.</summary>
    private async Task<string> RedisServerAsync() => options.Redis ?? (privateRedis ??= await PrivateRedis.StartAsync()).Endpoint;
}
