using System.Diagnostics;
using System.Threading.Channels;
using Command.Abstractions.Patrols;

namespace Command.Benchmarks.Load;

/// <summary>
/// A grain call against the cheapest way to hand one owner a message and get an answer back: a <see cref="Channel{T}"/>
/// read by one loop that completes each caller's <see cref="TaskCompletionSource{TResult}"/>. Both are one mailbox served
/// one message at a time, driven by the same callers for the same time, so the ratio is what the grain runtime adds:
/// the proxy, the scheduler, the call chain and the task plumbing. Then the same call to a grain on another silo of
/// the cluster, against a grain on the caller's own silo: what the network hop and the serialization add.
/// </summary>
public static class MailboxBench
{
    /// <summary>A call to an active grain in the caller's own silo: just above the 18 µs or so measured once the grains ran
    /// on Orleans.</summary>
    public const double GoalNanoseconds = 20_000;

    /// <summary>One caller at a time (the owner idles between calls, so each hop must wake it), and 4 callers per core on
    /// the one owner (the owner is never idle, and the grain's callers queue for its turn).</summary>
    private static readonly int[] callerCounts = [1, 4 * Environment.ProcessorCount];

    /// <summary>Two rows, one for each count of callers.</summary>
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(IPatrolTeamGrain grain, TimeSpan duration, BenchProgress progress)
    {
        var reply = new object();
        var mailbox = Channel.CreateUnbounded<TaskCompletionSource<object>>(new UnboundedChannelOptions { SingleReader = true });
        var owner = Task.Run(async () =>
        {
            await foreach (var request in mailbox.Reader.ReadAllAsync())
            {
                request.TrySetResult(reply);
            }
        });
        Task ChannelHop()
        {
            var answer = new TaskCompletionSource<object>();
            mailbox.Writer.TryWrite(answer);
            return answer.Task;
        }
        Task GrainCall() => grain.GetView();

        try
        {
            var rows = new List<BenchRow>();
            foreach (var (callers, channel, grainCalls) in await CompareAsync(ChannelHop, GrainCall, duration, progress, "Channel<T> hop", "grain call"))
            {
                rows.Add(Row(callers, channel, grainCalls));
            }
            return rows;
        }
        finally
        {
            mailbox.Writer.Complete();
            await owner;
        }
    }

    /// <summary>Two rows, one for each count of callers: <paramref name="remote"/>, a grain on another silo, against
    /// <paramref name="local"/>, one on the caller's silo; both references from the caller's silo.</summary>
    public static async Task<IReadOnlyList<BenchRow>> CrossSiloAsync(IPatrolTeamGrain local, IPatrolTeamGrain remote, TimeSpan duration, BenchProgress progress)
    {
        var rows = new List<BenchRow>();
        foreach (var (callers, here, there) in await CompareAsync(() => local.GetView(), () => remote.GetView(), duration, progress, "grain on silo A", "grain on silo B"))
        {
            string measure = callers == 1
                ? "cross-silo grain call (GetView), silo A to a grain on silo B, one caller at a time"
                : $"cross-silo grain call (GetView), silo A to a grain on silo B, {callers} callers on one grain";
            if (here.Calls == 0 || there.Calls == 0)
            {
                rows.Add(BenchRow.Failed("mailbox", measure, "no call completed"));
                continue;
            }
            double localNs = here.Time.TotalNanoseconds / here.Calls;
            double remoteNs = there.Time.TotalNanoseconds / there.Calls;
            double ratio = remoteNs / localNs;
            rows.Add(new BenchRow("mailbox", measure, $"{BenchFormat.Ns(remoteNs)} a call ({BenchFormat.Rate(there.Calls / there.Time.TotalSeconds)})")
            {
                Values = new Dictionary<string, double> { ["crossSiloCallNs"] = remoteNs, ["localCallNs"] = localNs, ["callers"] = callers },
                Baseline = $"a grain on silo A itself: {BenchFormat.Ns(localNs)} ({BenchFormat.Rate(here.Calls / here.Time.TotalSeconds)})",
                Ratio = ratio,
                RatioText = BenchFormat.Times(ratio),
            });
        }
        return rows;
    }

    /// <summary>For each count of callers, <paramref name="baseline"/> and <paramref name="measured"/> driven alike.</summary>
    private static async Task<List<(int Callers, (long Calls, TimeSpan Time) Baseline, (long Calls, TimeSpan Time) Measured)>> CompareAsync(
        Func<Task> baseline, Func<Task> measured, TimeSpan duration, BenchProgress progress, string baselineName, string measuredName)
    {
        var results = new List<(int, (long, TimeSpan), (long, TimeSpan))>();
        for (int c = 0; c < callerCounts.Length; c++)
        {
            int callers = callerCounts[c];
            // Warm up both paths (JIT, thread pool), then alternate so that a noisy moment falls on both alike.
            var warmUp = TimeSpan.FromMilliseconds(200);
            await CallAsync(baseline, callers, warmUp);
            await CallAsync(measured, callers, warmUp);
            var round = duration / 8;
            (long Calls, TimeSpan Time) first = default, second = default;
            for (int i = 0; i < 2; i++)
            {
                progress.Report((c + i / 2.0) / callerCounts.Length, $"{callers} callers, {baselineName}");
                first = Add(first, await CallAsync(baseline, callers, round));
                progress.Report((c + (i + 0.5) / 2.0) / callerCounts.Length, $"{callers} callers, {measuredName}");
                second = Add(second, await CallAsync(measured, callers, round));
            }
            results.Add((callers, first, second));
        }
        return results;
    }

    private static BenchRow Row(int callers, (long Calls, TimeSpan Time) channel, (long Calls, TimeSpan Time) grainCalls)
    {
        string measure = callers == 1 ? "grain call (GetView), one caller at a time" : $"grain call (GetView), {callers} callers on one grain";
        if (channel.Calls == 0 || grainCalls.Calls == 0)
        {
            return BenchRow.Failed("mailbox", measure, "no call completed");
        }
        // Wall time per call across all callers: the inverse of the throughput.
        double channelNs = channel.Time.TotalNanoseconds / channel.Calls;
        double grainNs = grainCalls.Time.TotalNanoseconds / grainCalls.Calls;
        double ratio = grainNs / channelNs;
        return new BenchRow("mailbox", measure, $"{BenchFormat.Ns(grainNs)} a call ({BenchFormat.Rate(grainCalls.Calls / grainCalls.Time.TotalSeconds)})")
        {
            Values = new Dictionary<string, double> { ["grainCallNs"] = grainNs, ["channelHopNs"] = channelNs, ["callers"] = callers },
            Baseline = $"Channel<T> hop with reply: {BenchFormat.Ns(channelNs)} ({BenchFormat.Rate(channel.Calls / channel.Time.TotalSeconds)})",
            Ratio = ratio,
            RatioText = BenchFormat.Times(ratio),
            Goal = $"≤ {GoalNanoseconds / 1000:0} µs a call",
            Met = grainNs <= GoalNanoseconds,
        };
    }

    private static (long, TimeSpan) Add((long Calls, TimeSpan Time) total, (long Calls, TimeSpan Time) more) => (total.Calls + more.Calls, total.Time + more.Time);

    /// <summary>Each caller awaits one call at a time until the time is up; returns all calls and the wall time.</summary>
    private static async Task<(long Calls, TimeSpan Time)> CallAsync(Func<Task> call, int callers, TimeSpan duration)
    {
        long calls = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            long made = 0;
            while (clock.Elapsed < duration)
            {
                for (int i = 0; i < 64; i++)
                {
                    await call();
                }
                made += 64;
            }
            Interlocked.Add(ref calls, made);
        })));
        return (calls, clock.Elapsed);
    }
}
