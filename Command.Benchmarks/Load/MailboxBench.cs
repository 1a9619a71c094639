using System.Diagnostics;
using System.Threading.Channels;
using Command.Abstractions.Patrols;

namespace Command.Benchmarks.Load;

/// <summary>
/// A grain call against the cheapest way to hand one owner a message and get an answer back: a <see cref="Channel{T}"/>
/// read by one loop that completes each caller's <see cref="TaskCompletionSource{TResult}"/>. Both are one mailbox served
/// one message at a time, driven by the same callers for the same time, so the ratio is what the grain runtime adds:
/// the proxy, the turn lock, the call chain and the task plumbing.
/// </summary>
public static class MailboxBench
{
    public const double GoalRatio = 5;

    /// <summary>Two rows: one caller at a time (the owner idles between calls, so each hop must wake it), and
    /// 4 callers per core on the one owner (the owner is never idle, and the grain's callers queue for its turn).</summary>
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
            int[] callerCounts = [1, 4 * Environment.ProcessorCount];
            for (int c = 0; c < callerCounts.Length; c++)
            {
                int callers = callerCounts[c];
                // Warm up both paths (JIT, thread pool), then alternate so that a noisy moment falls on both alike.
                var warmUp = TimeSpan.FromMilliseconds(200);
                await CallAsync(ChannelHop, callers, warmUp);
                await CallAsync(GrainCall, callers, warmUp);
                var round = duration / 8;
                (long Calls, TimeSpan Time) channel = default, grainCalls = default;
                for (int i = 0; i < 2; i++)
                {
                    progress.Report((c + i / 2.0) / callerCounts.Length, $"{callers} callers, Channel<T> hop");
                    channel = Add(channel, await CallAsync(ChannelHop, callers, round));
                    progress.Report((c + (i + 0.5) / 2.0) / callerCounts.Length, $"{callers} callers, grain call");
                    grainCalls = Add(grainCalls, await CallAsync(GrainCall, callers, round));
                }
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
            Goal = $"≤ {GoalRatio:0}× the channel hop",
            Met = ratio <= GoalRatio,
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
