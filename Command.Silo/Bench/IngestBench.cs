using System.Diagnostics;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Demo;

namespace Command.Silo.Bench;

/// <summary>
/// Position reports through the patrol-team grains, every team in turn: in process (a grain call each, as the HTTP
/// endpoint makes) and over HTTP to the same silo's Kestrel (bearer token, rate limiter, validation, JSON, the grain).
/// A second of warm-up is not counted. Each report is a fresh fix, so none is dropped as older than the last.
/// </summary>
public static class IngestBench
{
    public const double InProcessGoal = 100_000;
    public const double HttpGoal = 20_000;

    public static async Task<BenchRow> InProcessAsync(IGrainFactory grains, IReadOnlyList<DemoTeam> teams, TimeSpan duration, BenchProgress progress)
    {
        var refs = teams.Select(t => grains.GetGrain<IPatrolTeamGrain>(t.Id)).ToArray();
        int workers = 4 * Environment.ProcessorCount;
        var (reports, elapsed, _) = await RunAsync(workers, duration, progress, "in process", async (worker, n) =>
        {
            int i = (int)((worker + n * workers) % refs.Length);
            await refs[i].ReportPosition(new TeamPosition(teams[i].Lon + Jitter(n), teams[i].Lat, DateTimeOffset.UtcNow));
            return true;
        });
        double rate = reports / elapsed.TotalSeconds;
        return new BenchRow("ingest", $"position ingest in process ({BenchFormat.Count(teams.Count)} teams, {workers} callers)", BenchFormat.Rate(rate))
        {
            Values = new Dictionary<string, double> { ["perSecond"] = rate, ["reports"] = reports, ["teams"] = teams.Count },
            Goal = $"≥ {BenchFormat.Rate(InProcessGoal)}",
            Met = rate >= InProcessGoal,
            Broken = reports == 0 ? "no position was accepted" : null,
        };
    }

    public static async Task<BenchRow> OverHttpAsync(BenchSilo silo, IReadOnlyList<DemoTeam> teams, int connections, TimeSpan duration, BenchProgress progress)
    {
        using var poster = await PositionPoster.CreateAsync(silo, teams, connections, "bench ingest");
        var (reports, elapsed, refused) = await RunAsync(connections, duration, progress, "over HTTP",
            (worker, n) => poster.PostAsync(worker, (int)((worker + n * connections) % teams.Count), n));
        double rate = reports / elapsed.TotalSeconds;
        return new BenchRow("ingest", $"position ingest over HTTP ({connections} connections, one token each)", BenchFormat.Rate(rate))
        {
            Values = new Dictionary<string, double> { ["perSecond"] = rate, ["reports"] = reports, ["refused"] = refused, ["connections"] = connections },
            Goal = $"≥ {BenchFormat.Rate(HttpGoal)}",
            Met = rate >= HttpGoal,
            Broken = reports == 0 || refused > 0 ? $"{BenchFormat.Count(refused)} posts refused, the first: {poster.FirstRefusal}" : null,
        };
    }

    /// <summary>A metre or so east every other report: a moving team, not one repeating itself.</summary>
    private static double Jitter(long n) => (n & 1) * 0.00001;

    /// <summary>Runs <paramref name="workers"/> loops of <paramref name="report"/> (worker, its n-th call) for a warm-up
    /// second and then for <paramref name="duration"/>; counts accepted and refused reports of the measured part only.</summary>
    private static async Task<(long Accepted, TimeSpan Elapsed, long Refused)> RunAsync(int workers, TimeSpan duration, BenchProgress progress, string what,
        Func<int, long, Task<bool>> report)
    {
        var warmUp = TimeSpan.FromSeconds(Math.Min(1, duration.TotalSeconds / 4));
        long accepted = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        long start = 0;
        var loops = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            // Counted per worker and added up at the end: a shared counter bumped on every call would be measured too.
            long n = 0, ok = 0, refusedHere = 0;
            while (clock.Elapsed < warmUp + duration)
            {
                bool wasAccepted = await report(worker, n++);
                if (Volatile.Read(ref start) != 0)
                {
                    _ = wasAccepted ? ok++ : refusedHere++;
                }
            }
            Interlocked.Add(ref accepted, ok);
            Interlocked.Add(ref refused, refusedHere);
        })).ToList();
        await Task.Delay(warmUp);
        Volatile.Write(ref start, Stopwatch.GetTimestamp());
        var all = Task.WhenAll(loops);
        while (!all.IsCompleted)
        {
            progress.Report((clock.Elapsed - warmUp) / duration, what);
            await Task.WhenAny(all, Task.Delay(250));
        }
        await all;
        return (accepted, Stopwatch.GetElapsedTime(start), refused);
    }
}
