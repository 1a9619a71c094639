using System.Diagnostics;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Silo.Demo;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Command.Benchmarks.Load;

/// <summary>
/// Latency: from <c>POST /api/incidents</c> to its IncidentChanged arriving at each of N consoles (the city's duty
/// officer on /hubs/command, which hears the whole city), while M teams post a position over HTTP once a second.
/// Throughput: one incident's summary pushed back to back through <see cref="ConsoleNotifier"/> (groups along the
/// jurisdiction chain, the typed hub) against <see cref="BareHub"/> sending the same payload with Clients.All; messages
/// delivered per second across the N clients, the better of two rounds each, alternating.
/// </summary>
public static class FanOutBench
{
    public const double GoalP99Ms = 50;
    public const double GoalShareOfBare = 0.70;
    private static readonly TimeSpan CallEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchSilo silo, HttpClient http, IReadOnlyList<DemoTeam> teams, BenchOptions options,
        BenchProgress progress)
    {
        var clients = await ConnectAsync(silo, CommandHub.Path, options.Clients);
        try
        {
            progress.Report(0.05, $"{options.Movers} teams moving at 1 Hz");
            var (latency, movedPerSecond, lastIncident) = await LatencyAsync(silo, http, clients, teams.Take(options.Movers).ToList(), options, progress);

            var summary = silo.Get<IncidentCatalog>().Find(lastIncident) ?? throw new InvalidOperationException($"Incident {lastIncident} is not listed.");
            var notifier = silo.Get<ConsoleNotifier>();
            var bare = silo.Get<IHubContext<BareHub>>();
            double ours = 0, baseline = 0;
            for (int round = 0; round < 2; round++)
            {
                progress.Report(0.7 + 0.15 * round, "throughput against a bare hub");
                ours = Math.Max(ours, await ThroughputAsync(clients, options.Broadcasts, () =>
                {
                    notifier.IncidentChanged(summary);
                    return Task.CompletedTask;
                }));
                var bareClients = await ConnectAsync(silo, BareHub.Path, options.Clients);
                try
                {
                    baseline = Math.Max(baseline, await ThroughputAsync(bareClients, options.Broadcasts,
                        () => bare.Clients.All.SendAsync(nameof(Abstractions.Realtime.IConsoleClient.IncidentChanged), summary)));
                }
                finally
                {
                    await DisposeAllAsync(bareClients);
                }
            }
            double share = ours / baseline;
            return
            [
                latency with
                {
                    Values = new Dictionary<string, double>(latency.Values) { ["moverPositionsPerSecond"] = movedPerSecond },
                },
                new BenchRow("fanout", $"fan-out throughput, one incident pushed {BenchFormat.Count(options.Broadcasts)} times to {options.Clients} consoles",
                    $"{BenchFormat.Rate(ours)} delivered")
                {
                    Values = new Dictionary<string, double> { ["deliveredPerSecond"] = ours, ["bareDeliveredPerSecond"] = baseline },
                    Baseline = $"bare hub, Clients.All: {BenchFormat.Rate(baseline)}",
                    Ratio = share,
                    RatioText = BenchFormat.Percent(share) + " of bare",
                    Goal = $"≥ {BenchFormat.Percent(GoalShareOfBare)} of the bare hub",
                    Met = share >= GoalShareOfBare,
                },
            ];
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    private static async Task<(BenchRow Row, double MovedPerSecond, string LastIncident)> LatencyAsync(BenchSilo silo, HttpClient http,
        IReadOnlyList<BenchHubClient> clients, IReadOnlyList<DemoTeam> movers, BenchOptions options, BenchProgress progress)
    {
        var map = silo.Get<JurisdictionMap>();
        var random = new Random(110);
        // Enough connections that each posts 80 a second at most: the movers must keep their pace while the silo is busy.
        using var poster = await PositionPoster.CreateAsync(silo, movers, Math.Clamp(movers.Count / 80, 1, 64), "bench mover");
        using var stop = new CancellationTokenSource();
        var moving = MoveAsync(poster, stop.Token);
        var calls = new List<(string Id, long Start, long Acknowledged)>();
        try
        {
            // Let the movers reach their pace (and the first position batches flow) before the first call.
            await Task.Delay(TimeSpan.FromSeconds(options.Quick ? 1 : 3));
            // The first calls find the intake path cold (tiered compilation); they are made but not counted.
            int warmUp = Math.Max(5, options.FanOutIncidents / 10);
            var clock = Stopwatch.StartNew();
            for (int i = -warmUp; i < options.FanOutIncidents; i++)
            {
                var due = CallEvery * (i + warmUp);
                if (clock.Elapsed < due)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
                long start = Stopwatch.GetTimestamp();
                string id = await BenchIncidents.PostAsync(http, BenchIncidents.RandomPoint(map, random), i < 0 ? $"压测预热-{-i}" : $"压测-{i}");
                if (i >= 0)
                {
                    calls.Add((id, start, Stopwatch.GetTimestamp()));
                }
                progress.Report(0.1 + 0.55 * (i + warmUp + 1) / (options.FanOutIncidents + warmUp), $"incident {i + warmUp + 1} of {options.FanOutIncidents + warmUp}");
            }
            var waiting = Stopwatch.StartNew();
            while (!calls.All(c => clients.All(client => client.TryGetArrival(c.Id, out _))) && waiting.Elapsed < ArrivalTimeout)
            {
                await Task.Delay(10);
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
        var (posted, seconds) = await moving;

        var samples = new List<double>();
        var missing = new List<string>();
        foreach (var (id, start, _) in calls)
        {
            for (int c = 0; c < clients.Count; c++)
            {
                if (clients[c].TryGetArrival(id, out long arrived))
                {
                    samples.Add(Stopwatch.GetElapsedTime(start, arrived).TotalMilliseconds);
                }
                else
                {
                    missing.Add($"console {c} never received incident {id}{(clients[c].Failure is { } failure ? $" ({failure.Message})" : "")}");
                }
            }
        }
        var latency = new Latencies(samples);
        var acknowledged = new Latencies(calls.Select(c => Stopwatch.GetElapsedTime(c.Start, c.Acknowledged).TotalMilliseconds));
        double movedPerSecond = posted / seconds;
        var row = new BenchRow("fanout",
            $"fan-out latency, POST /api/incidents → IncidentChanged at {clients.Count} consoles, {BenchFormat.Count(movers.Count)} teams posting at 1 Hz",
            latency.Summary)
        {
            Values = latency.Values(),
            Baseline = $"the POST itself: p50 {BenchFormat.Ms(acknowledged.P50)} · p99 {BenchFormat.Ms(acknowledged.P99)}; movers reached {BenchFormat.Rate(movedPerSecond)}",
            Goal = $"p99 ≤ {GoalP99Ms:0} ms",
            Met = latency.P99 <= GoalP99Ms,
            Broken = missing.Count > 0 ? $"{missing.Count} deliveries missing; {missing[0]}"
                : posted == 0 ? $"no mover position was accepted: {poster.FirstRefusal}" : null,
        };
        return (row, movedPerSecond, calls[^1].Id);
    }

    /// <summary>Every team once a second, spread evenly over the second, each connection taking its share of the teams.</summary>
    private static async Task<(long Posted, double Seconds)> MoveAsync(PositionPoster poster, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        long posted = 0;
        await Task.WhenAll(Enumerable.Range(0, poster.Connections).Select(connection => Task.Run(async () =>
        {
            var mine = Enumerable.Range(0, poster.Teams).Where(t => t % poster.Connections == connection).ToArray();
            long sent = 0, accepted = 0;
            while (!stop.IsCancellationRequested)
            {
                long due = (long)(clock.Elapsed.TotalSeconds * mine.Length);
                while (sent < due && !stop.IsCancellationRequested)
                {
                    accepted += await poster.PostAsync(connection, mine[sent % mine.Length], sent / mine.Length) ? 1 : 0;
                    sent++;
                }
                try
                {
                    await Task.Delay(20, stop);
                }
                catch (OperationCanceledException)
                {
                }
            }
            Interlocked.Add(ref posted, accepted);
        })));
        return (posted, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Pushes <paramref name="messages"/> messages and returns deliveries per second: from the first push to
    /// the last message reaching the last client.</summary>
    private static async Task<double> ThroughputAsync(IReadOnlyList<BenchHubClient> clients, int messages, Func<Task> push)
    {
        long[] before = [.. clients.Select(c => c.IncidentsReceived)];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < messages; i++)
        {
            await push();
        }
        var waiting = Stopwatch.StartNew();
        while (Enumerable.Range(0, clients.Count).Any(c => clients[c].IncidentsReceived - before[c] < messages))
        {
            if (waiting.Elapsed > ArrivalTimeout || clients.FirstOrDefault(c => c.Failure is not null) is { } failed)
            {
                long least = Enumerable.Range(0, clients.Count).Min(c => clients[c].IncidentsReceived - before[c]);
                throw new InvalidOperationException($"Broadcast of {messages} messages: a client received only {least}" +
                    (clients.FirstOrDefault(c => c.Failure is not null)?.Failure is { } failure ? $" ({failure.Message})" : "") + ".");
            }
            await Task.Delay(1);
        }
        long end = clients.Max(c => c.LastIncidentTimestamp);
        return (double)messages * clients.Count / Stopwatch.GetElapsedTime(start, end).TotalSeconds;
    }

    private static async Task<List<BenchHubClient>> ConnectAsync(BenchSilo silo, string path, int count)
    {
        var clients = new List<BenchHubClient>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                clients.Add(await BenchHubClient.ConnectAsync(silo.Address, path, await silo.IssueTokenAsync($"bench console {i}"), CancellationToken.None));
            }
            return clients;
        }
        catch
        {
            await DisposeAllAsync(clients);
            throw;
        }
    }

    private static async Task DisposeAllAsync(IEnumerable<BenchHubClient> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
