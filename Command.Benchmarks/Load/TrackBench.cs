using System.Diagnostics;
using Command.Abstractions.Patrols;
using Command.Silo.Storage;
using Command.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace Command.Benchmarks.Load;

/// <summary>
/// The track log at a city's peak: fixes offered to the SQLite telemetry store (the default silo's) at a steady
/// <see cref="GoalPerSecond"/> from 10,000 teams, with the store's own flush interval and buffer cap, for the run's
/// duration. Positions only ever buffer in memory and a background flush writes them; when the flushes fall behind,
/// the buffer drops the oldest reports ("Dropped the … oldest position reports"), and 轨迹回放 would miss them. The
/// row counts what was offered against what the track log holds afterwards (every team's track read back), and the
/// fullest the buffer got against its cap. Met: the rate was offered and nothing was lost.
/// </summary>
public static class TrackBench
{
    public const double GoalPerSecond = 20_000;
    public const int Teams = 10_000;

    /// <summary>Fixes are offered in 10 ms ticks, as a city's terminals spread over a second.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    public static async Task<BenchRow> RunAsync(TimeSpan duration, BenchLog log, BenchProgress progress)
    {
        string directory = BenchSilo.NewDataDirectory();
        Directory.CreateDirectory(directory);
        try
        {
            long offered;
            double elapsedSeconds, drainMs;
            int maxBuffered = 0;
            var ids = Enumerable.Range(0, Teams).Select(i => $"track-bench-{i:00000}").ToArray();
            using var loggers = new LoggerFactory([log]);
            var store = new SqliteTelemetryStore(Path.Combine(directory, "telemetry.db"), SqliteStorageProvider.TelemetryFlushInterval, TimeProvider.System,
                loggers.CreateLogger<SqliteTelemetryStore>());
            await using (store)
            {
                var start = DateTimeOffset.UtcNow;
                var clock = Stopwatch.StartNew();
                offered = 0;
                while (clock.Elapsed < duration)
                {
                    // As many fixes as the goal rate owes by now: a slow tick is made up by the next, so the rate holds.
                    long due = (long)(clock.Elapsed.TotalSeconds * GoalPerSecond);
                    for (; offered < due; offered++)
                    {
                        int team = (int)(offered % Teams);
                        store.Record(ids[team], new TeamPosition(115.0 + (team * 1e-4), 36.0 + ((offered / Teams) * 1e-5), start.AddTicks(offered)));
                    }
                    maxBuffered = Math.Max(maxBuffered, store.Buffered);
                    progress.Report(clock.Elapsed / duration, $"track log: {BenchFormat.Count(offered)} fixes offered, {BenchFormat.Count(store.Buffered)} buffered");
                    await Task.Delay(Tick);
                }
                elapsedSeconds = clock.Elapsed.TotalSeconds;
                var drain = Stopwatch.StartNew();
                await store.FlushAsync();
                drainMs = drain.Elapsed.TotalMilliseconds;
                long kept = 0;
                foreach (string id in ids)
                {
                    kept += (await store.ReadTrackAsync(id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Count;
                }
                double rate = offered / elapsedSeconds;
                long lost = offered - kept;
                return new BenchRow("track", $"track log on SQLite at {BenchFormat.Rate(GoalPerSecond)} ({BenchFormat.Count(Teams)} teams)",
                    $"{BenchFormat.Count(kept)} of {BenchFormat.Count(offered)} fixes kept")
                {
                    Values = new Dictionary<string, double>
                    {
                        ["offeredPerSecond"] = rate, ["offered"] = offered, ["kept"] = kept, ["lost"] = lost,
                        ["maxBuffered"] = maxBuffered, ["bufferCap"] = TelemetryBuffer.DefaultMaxBufferedReports, ["finalFlushMs"] = drainMs,
                    },
                    Baseline = $"offered {BenchFormat.Rate(rate)}; buffer peak {BenchFormat.Count(maxBuffered)} of {BenchFormat.Count(TelemetryBuffer.DefaultMaxBufferedReports)}",
                    Goal = $"{BenchFormat.Rate(GoalPerSecond)} with no fix dropped",
                    Met = lost == 0 && rate >= GoalPerSecond * 0.98,
                    Broken = offered == 0 ? "no fix was offered" : kept == 0 ? "the track log kept nothing" : null,
                };
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing the run for.
            }
        }
    }
}
