using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Incidents;
using Command.Tests.Support;
using Xunit.Abstractions;

namespace Command.Tests.Recovery;

/// <summary>
/// Three silos of one cluster on one Redis, with a load client spread over all three and a console on each. One silo
/// is killed with kill -9; later another is frozen (SIGSTOP) past the time the cluster takes to declare it dead, and
/// woken. Every acknowledged write must be there once and in order, every deadline must have fired exactly once, the
/// consoles on the survivors must have kept hearing every silo's changes, and the frozen silo must have stopped by
/// itself without writing over what its grains' new homes wrote. The bounds are generous: the figures go to the report.
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    private const int WorkersPerSilo = 2;

    [Fact]
    public async Task ThreeSilosLoseNothingAcknowledgedWhenOneIsKilledAndAnotherFrozen()
    {
        await using var redis = RedisServer.StartPersistent();
        var environment = new Dictionary<string, string>
        {
            // Severity IV calls are overdue for dispatch after 3 s, so deadlines keep falling due on every silo.
            ["Dispatch__DispatchDeadlineMinutes__4"] = "0.05",
            ["Storage__Redis__KeyPrefix"] = "cluster-fault:",
        };
        string[] args = ["--storage", "redis", "--redis", redis.Endpoint, "--no-demo"];
        // The first silo runs the cluster's start-up and prints the administrator's password; the others join.
        await using var first = await SiloProcess.StartAsync(configuration: environment, args: args);
        await using var killed = await SiloProcess.StartAsync(configuration: environment, args: args);
        await using var frozen = await SiloProcess.StartAsync(configuration: environment, args: args);
        var api = await first.StaffAsync();
        string token = api.DefaultRequestHeaders.Authorization!.Parameter!;
        var apis = new[] { api, SiloProcess.Through(killed.BaseAddress, api), SiloProcess.Through(frozen.BaseAddress, api) };
        await LoadClient.CommissionTeamsAsync(api);
        await using var firstConsole = await HubClient.ConnectAsync(first.BaseAddress, token);
        await using var killedConsole = await HubClient.ConnectAsync(killed.BaseAddress, token);
        await using var frozenConsole = await HubClient.ConnectAsync(frozen.BaseAddress, token);

        var load = new LoadClient();
        using var stop = new CancellationTokenSource();
        var workers = Task.WhenAll(apis.Select((client, i) => load.RunAsync(client, WorkersPerSilo, seed: 31 + i, stop.Token)));
        await Eventually.Get(() => Task.FromResult(load.Incidents), n => n >= 30, "the load to get going", TimeSpan.FromSeconds(60));
        Assert.True(Changes(frozenConsole) > 0, "The console on the third silo heard nothing of the load on the other two.");

        // kill -9: its grains are active nowhere until the cluster declares it dead and they are called again.
        var clock = Stopwatch.StartNew();
        await killed.StopAsync();
        var known = load.IncidentIds;
        await Eventually.Get(() => AllAnswerAsync(api, known), all => all, "every incident to answer again after the kill", TimeSpan.FromSeconds(60));
        var afterKill = clock.Elapsed;
        int heardBeforeFreeze = Changes(firstConsole);
        await Eventually.Get(() => Task.FromResult(load.Incidents), n => n >= known.Count + 20, "calls to be acknowledged after the kill", TimeSpan.FromSeconds(60));

        // SIGSTOP past the detection time: the cluster moves its grains while it sleeps; woken, it learns it was
        // declared dead and stops, and whatever it was about to write meets a journal that has moved on.
        frozen.Signal("STOP");
        clock.Restart();
        known = load.IncidentIds;
        TimeSpan afterFreeze;
        try
        {
            await Eventually.Get(() => AllAnswerAsync(api, known), all => all, "every incident to answer again while the third silo is frozen", TimeSpan.FromSeconds(90));
            afterFreeze = clock.Elapsed;
            await Eventually.Get(() => Task.FromResult(load.Incidents), n => n >= known.Count + 20, "calls to be acknowledged while it is frozen", TimeSpan.FromSeconds(60));
        }
        finally
        {
            frozen.Signal("CONT");
        }
        int exitCode = await frozen.ExitedAsync(TimeSpan.FromSeconds(60));

        await Eventually.Get(() => Task.FromResult(load.Incidents), n => n >= known.Count + 40, "calls to go on after it stopped", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await workers;

        await load.VerifyAsync(api, "after the kill and the freeze");
        // Every deadline falls due at most 3 s after its call; give the last ones time, then each must have fired once.
        await Task.Delay(TimeSpan.FromSeconds(5));
        int overdue = await load.VerifyDeadlinesAsync(api);
        Assert.True(Changes(firstConsole) > heardBeforeFreeze, "The console on the surviving silo stopped hearing changes.");
        string report = $"cluster of 3 on redis, one killed, one frozen: {load.Summary}; {overdue} dispatch deadlines fired exactly once; " +
            $"every incident answered again {afterKill.TotalSeconds:0.0} s after the kill and {afterFreeze.TotalSeconds:0.0} s after the freeze; " +
            $"the frozen silo, woken, exited with code {exitCode}; the surviving console heard {Changes(firstConsole)} changes";
        await FaultReport.WriteAsync(output, report);
        Assert.True(load.Faults == 0, $"{load.Faults} answers were faults (5xx but 503), such as:\n{string.Join("\n", load.FaultSamples)}\nwhat the silos logged:\n{Failures(first.Output)}\n{Failures(killed.Output)}\n{Failures(frozen.Output)}");
    }

    /// <summary>The silo's logged failures of requests, with the exception's first lines.</summary>
    private static string Failures(string output)
    {
        var lines = output.Split('\n');
        var picked = new List<string>();
        for (int i = 0; i < lines.Length && picked.Count < 60; i++)
        {
            if (lines[i].StartsWith("fail: Command.Silo.Hosting.ProblemExceptionHandler", StringComparison.Ordinal))
            {
                picked.AddRange(lines.Skip(i).Take(6));
            }
        }
        return string.Join('\n', picked);
    }

    private static int Changes(HubClient console) => console.Received.Count(m => m.Target == "IncidentChanged");

    /// <summary>Whether every incident's grain answers now: its timeline is read from the grain, wherever it lives.</summary>
    private static async Task<bool> AllAnswerAsync(HttpClient api, IReadOnlyCollection<string> ids)
    {
        foreach (var id in ids)
        {
            try
            {
                using var response = await api.GetAsync($"/api/incidents/{id}/timeline");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }
        return true;
    }
}
