using System.Diagnostics;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Demo;

namespace Command.Benchmarks.Load;

/// <summary>
/// Position reports through the patrol-team grains, every team in turn: in process (a grain call each, as the HTTP
/// endpoint makes) and over HTTP to the same silo's Kestrel (bearer token, rate limiter, validation, JSON, the grain).
/// The warm-up is not counted (see <see cref="RunAsync"/>). Each report is a fresh fix, so none is dropped as older than the last.
/// </summary>
public static class IngestBench
{
    public const double InProcessGoal = 100_000;

    /// <summary>The silo over HTTP against a bare Kestrel endpoint driven by the same client in the same run.</summary>
    public const double HttpShareGoal = 0.8;

    public static async Task<BenchRow> InProcessAsync(IGrainFactory grains, IReadOnlyList<DemoTeam> teams, TimeSpan duration, bool quick, BenchProgress progress)
    {
        var refs = teams.Select(t => grains.GetGrain<IPatrolTeamGrain>(t.Id)).ToArray();
        int workers = 4 * Environment.ProcessorCount;
        var (reports, elapsed, _) = await RunAsync(workers, duration, quick, progress, "in process", async (worker, n) =>
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

    public static async Task<BenchRow> OverHttpAsync(BenchSilo silo, IReadOnlyList<DemoTeam> teams, int connections, TimeSpan duration, bool quick,
        BenchProgress progress)
    {
        using var poster = await PositionPoster.CreateAsync(silo, teams, connections, "bench ingest");
        var (reports, elapsed, refused) = await RunAsync(connections, duration, quick, progress, "over HTTP",
            (worker, n) => poster.PostAsync(worker, (int)((worker + n * connections) % teams.Count), n));
        double rate = reports / elapsed.TotalSeconds;

        await using var bare = await BareKestrel.StartAsync();
        using var barePoster = poster.To(bare.Address);
        var (bareReports, bareElapsed, bareRefused) = await RunAsync(connections, duration, quick, progress, "over HTTP to a bare Kestrel",
            (worker, n) => barePoster.PostAsync(worker, (int)((worker + n * connections) % teams.Count), n));
        double bareRate = bareReports / bareElapsed.TotalSeconds;
        double share = bareRate > 0 ? rate / bareRate : 0;
        return new BenchRow("ingest", $"position ingest over HTTP ({connections} connections, one token each)", BenchFormat.Rate(rate))
        {
            Values = new Dictionary<string, double>
            {
                ["perSecond"] = rate, ["reports"] = reports, ["refused"] = refused, ["connections"] = connections,
                ["bareKestrelPerSecond"] = bareRate, ["shareOfBare"] = share,
            },
            Baseline = $"bare Kestrel endpoint, same client: {BenchFormat.Rate(bareRate)}",
            Ratio = share,
            RatioText = $"{share:P0} of bare",
            Goal = $"≥ {HttpShareGoal:P0} of bare Kestrel",
            Met = share >= HttpShareGoal,
            Broken = reports == 0 || refused > 0 ? $"{BenchFormat.Count(refused)} posts refused, the first: {poster.FirstRefusal}"
                : bareReports == 0 || bareRefused > 0 ? $"the bare Kestrel baseline refused {BenchFormat.Count(bareRefused)} posts: {barePoster.FirstRefusal}"
                : null,
        };
    }

    /// <summary>A metre or so east every other report: a moving team, not one repeating itself.</summary>
    private static double Jitter(long n) => (n & 1) * 0.00001;

    /// <summary>
    /// Runs <paramref name="workers"/> loops of <paramref name="report"/> (worker, its n-th call), first to warm up and
    /// then for <paramref name="duration"/>, and counts the accepted and refused reports of the measured part. Tiered
    /// compilation takes tens of seconds to settle on a busy 2-core machine (HTTP ingest runs at a fifth of its speed at
    /// first), so a full run warms up for at least 20 s and until three 2-second windows in a row beat the best before them by
    /// no more than 5%, for 60 s at most;
    /// a quick run only proves the path works and warms up briefly.
    /// </summary>
    private static async Task<(long Accepted, TimeSpan Elapsed, long Refused)> RunAsync(int workers, TimeSpan duration, bool quick, BenchProgress progress,
        string what, Func<int, long, Task<bool>> report)
    {
        // Each worker counts in its own cache line: a shared counter bumped on every call would be measured too.
        const int Stride = 16;
        long[] accepted = new long[workers * Stride], refused = new long[workers * Stride];
        bool stop = false;
        var loops = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (long n = 0; !Volatile.Read(ref stop); n++)
            {
                _ = await report(worker, n) ? accepted[worker * Stride]++ : refused[worker * Stride]++;
                if ((n & 63) == 63)
                {
                    // An in-process call completes at once, so a loop would otherwise keep its thread for good and starve
                    // the silo's own timers (position batches, telemetry flushes) and this method's clock.
                    await Task.Yield();
                }
            }
        })).ToList();
        var all = Task.WhenAll(loops);
        long Sum(long[] counts) => Enumerable.Range(0, workers).Sum(w => Volatile.Read(ref counts[w * Stride]));

        var warmUp = Stopwatch.StartNew();
        var window = quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(2);
        double best = 0;
        int sinceBest = 0;
        while (!all.IsCompleted)
        {
            long before = Sum(accepted), from = Stopwatch.GetTimestamp();
            await Task.WhenAny(all, Task.Delay(window));
            double rate = (Sum(accepted) - before) / Stopwatch.GetElapsedTime(from).TotalSeconds;
            progress.Report(0, $"{what}, warming up: {BenchFormat.Rate(rate)}");
            sinceBest = rate > best * 1.05 ? 0 : sinceBest + 1;
            best = Math.Max(best, rate);
            // The rate climbs unevenly while methods are recompiled: stop once three windows in a row brought nothing new.
            if (quick || warmUp.Elapsed > TimeSpan.FromSeconds(60) || (warmUp.Elapsed > TimeSpan.FromSeconds(20) && sinceBest >= 3))
            {
                break;
            }
        }

        long start = Stopwatch.GetTimestamp();
        long acceptedBefore = Sum(accepted), refusedBefore = Sum(refused);
        while (!all.IsCompleted && Stopwatch.GetElapsedTime(start) < duration)
        {
            progress.Report(Stopwatch.GetElapsedTime(start) / duration, what);
            await Task.WhenAny(all, Task.Delay(250));
        }
        long acceptedAfter = Sum(accepted), refusedAfter = Sum(refused);
        var elapsed = Stopwatch.GetElapsedTime(start);
        Volatile.Write(ref stop, true);
        await all;
        return (acceptedAfter - acceptedBefore, elapsed, refusedAfter - refusedBefore);
    }
}
