using System.Diagnostics;
using System.Globalization;
using Command.Silo.Storage;
using StackExchange.Redis;

namespace Command.Benchmarks.Load;

/// <summary>
/// Our Redis journal append (one event to a stream, through the silo's store: the version check, XADD, the head and
/// the index in one script) against Debian's redis-benchmark on the same server in the same run: plain SET, and XADD,
/// the one command an append cannot do without. Both sides keep 50 requests in flight.
/// </summary>
public static class RedisBench
{
    public const int InFlight = 50;

    public static async Task<BenchRow> RunAsync(IEventJournal journal, string server, string keyPrefix, int requests, BenchProgress progress)
    {
        progress.Report(0.92, "redis-benchmark SET");
        double set = await RedisBenchmarkAsync(server, requests, ["-t", "set"]);
        progress.Report(0.95, "redis-benchmark XADD");
        double xadd = await RedisBenchmarkAsync(server, requests, ["XADD", keyPrefix + "redis-benchmark-xadd", "*", "f", "v"]);
        progress.Report(0.98, "journal appends");
        double ours = await AppendAsync(journal, requests);
        return new BenchRow("redis", $"Redis journal append (one event, {InFlight} in flight)", BenchFormat.Rate(ours))
        {
            Values = new Dictionary<string, double> { ["appendsPerSecond"] = ours, ["setPerSecond"] = set, ["xaddPerSecond"] = xadd },
            Baseline = $"redis-benchmark: SET {BenchFormat.Rate(set)}, XADD {BenchFormat.Rate(xadd)}",
            Ratio = ours / xadd,
            RatioText = $"{BenchFormat.Percent(ours / set)} of SET, {BenchFormat.Percent(ours / xadd)} of XADD",
            Broken = ours <= 0 ? "no append completed" : null,
        };
    }

    /// <summary>Deletes the keys a bench run left on a server that is not its own.</summary>
    public static async Task DeleteKeysAsync(string server, string keyPrefix)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(server);
        await redis.GetDatabase().ScriptEvaluateAsync("""
            local cursor = '0'
            repeat
              local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
              cursor = page[1]
              for _, key in ipairs(page[2]) do redis.call('UNLINK', key) end
            until cursor == '0'
            redis.call('DEL', 'key:__rand_int__')
            return 0
            """, [], [keyPrefix + "*"]);
    }

    private static async Task<double> AppendAsync(IEventJournal journal, int appends)
    {
        string run = Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow;
        int next = -1;
        long start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            for (int i = Interlocked.Increment(ref next); i < appends; i = Interlocked.Increment(ref next))
            {
                await journal.AppendAsync($"bench-append/{run}-{i}", 0,
                    [new JournalEntry(1, at, "statusChanged", "bench", "{\"from\":\"available\",\"to\":\"dispatched\",\"incidentId\":\"0195f0c2a1b27d3e8f4a5b6c7d8e9f01\"}")], null);
            }
        })));
        return appends / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Runs redis-benchmark and returns its requests per second (from its CSV output).</summary>
    private static async Task<double> RedisBenchmarkAsync(string server, int requests, string[] test)
    {
        string executable = PrivateRedis.Find("redis-benchmark")
            ?? throw new InvalidOperationException("redis-benchmark is not installed (it comes with redis-server's redis-tools).");
        string hostPort = server.Split(',')[0];
        int colon = hostPort.LastIndexOf(':');
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])["-h", hostPort[..colon], "-p", hostPort[(colon + 1)..], "-n", requests.ToString(CultureInfo.InvariantCulture),
            "-c", InFlight.ToString(CultureInfo.InvariantCulture), "--csv", .. test])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-benchmark did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        // The CSV's first line names the columns, the second is the test: "SET","93457.94",...
        string? line = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).FirstOrDefault();
        string[] fields = line?.Split(',').Select(f => f.Trim('"')).ToArray() ?? [];
        return process.ExitCode == 0 && fields.Length > 1 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double rps) && rps > 0
            ? rps
            : throw new InvalidOperationException($"redis-benchmark {string.Join(' ', test)} failed (exit {process.ExitCode}): {await output} {await errors}");
    }
}
