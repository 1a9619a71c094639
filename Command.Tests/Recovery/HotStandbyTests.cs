using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Command.Abstractions.Incidents;
using Command.Tests.Support;
using Xunit.Abstractions;

namespace Command.Tests.Recovery;

/// <summary>
/// Two silos on one Redis (an AOF with appendfsync always, as in production), behind a proxy that sends each new
/// connection to whichever answers /healthz 200. One is active; the other stands by. The tests kill or freeze the
/// active one under load and check the takeover time, that every acknowledged call survived, that consoles follow,
/// and that the old active, back again, writes nothing. COMMAND_FAULT_REPORT names a file the measurements go to.
/// </summary>
public sealed class HotStandbyTests(ITestOutputHelper output)
{
    /// <summary>The takeover the README promises with the default lease of 5 s.</summary>
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(10);

    private static readonly string[] RedisArgs = ["--storage", "redis", "--no-demo"];

    private static Dictionary<string, string> Configuration() => new()
    {
        ["Storage__Redis__KeyPrefix"] = $"standby-{Guid.NewGuid():N}:",
        // Severity IV calls are overdue for dispatch after 3 s, so deadlines fall due around the failover.
        ["Dispatch__DispatchDeadlineMinutes__4"] = "0.05",
    };

    [Fact]
    public async Task KillingTheActiveSiloUnderLoadHandsOverWithinTenSecondsAndLosesNoAcknowledgedCall()
    {
        await using var redis = RedisServer.StartPersistent();
        var configuration = Configuration();
        string[] args = [.. RedisArgs, "--redis", redis.Endpoint];
        var active = await SiloProcess.StartAsync(configuration: configuration, args: args);
        await using var standby = await SiloProcess.StartAsync(configuration: configuration, args: args, standby: true);
        await using var proxy = new FailoverProxy(() => active.Port, () => standby.Port);
        try
        {
            var direct = await active.StaffAsync();
            using var api = SiloProcess.Through(proxy.BaseAddress, direct);
            string token = direct.DefaultRequestHeaders.Authorization!.Parameter!;
            await Eventually.True(() => proxy.Serving == active.Port, "the proxy to find the active silo");

            // The standby refuses writes, and says why.
            using (var refused = await SiloProcess.Through(standby.BaseAddress, direct).PostAsJsonAsync("/api/incidents", Call("打给热备的报警")))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Contains("standby", await refused.Content.ReadAsStringAsync());
            }

            await LoadClient.CommissionTeamsAsync(api);
            await using var console = await HubClient.ConnectAsync(proxy.BaseAddress, token);
            var load = new LoadClient();
            using var stop = new CancellationTokenSource();
            var workers = load.RunAsync(api, 4, seed: 6, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(3));
            int beforeKill = load.Incidents;

            var clock = Stopwatch.StartNew();
            await active.StopAsync(); // kill -9 with calls in flight
            await Eventually.Get(() => standby.IsServingAsync(), ok => ok, "the standby to serve", TakeoverBound + TimeSpan.FromSeconds(10));
            var takeover = clock.Elapsed;
            int atTakeover = load.Incidents;
            await Eventually.Get(() => Task.FromResult(load.Incidents), n => n >= atTakeover + 20, "the load to go on through the proxy");
            var firstCalls = clock.Elapsed;
            await stop.CancelAsync();
            await workers;

            // Every acknowledged call, before and after the kill, is in the new active silo's store.
            await load.VerifyAsync(api, "after the failover");
            Assert.Equal(0, load.Faults);
            Assert.True(beforeKill >= 20, $"The load was too light before the kill to mean anything: {load.Summary}");

            // The console's connection died with the old active; its reconnect lands on the new one and gets pushes.
            await console.Closed.WaitAsync(Eventually.Guard);
            await using var reconnected = await HubClient.ConnectAsync(proxy.BaseAddress, token);
            var created = await CommandApp.Read<IncidentDetail>(await api.PostAsJsonAsync("/api/incidents", Call("接管后的报警")), HttpStatusCode.Created);
            await reconnected.ReceiveAsync("IncidentChanged", m => m.GetProperty("id").GetString() == created.Id);

            // The dispatch deadlines of the calls taken before the kill fire once, on the new active silo.
            await Task.Delay(TimeSpan.FromSeconds(4));
            int overdue = await load.VerifyDeadlinesAsync(api);

            // The old active, started again, finds the lease taken: it stands by and writes nothing.
            var revived = await SiloProcess.StartAsync(active.DataDirectory, active.Port, configuration, args, standby: true);
            await active.DisposeAsync();
            active = revived;
            using (var refused = await SiloProcess.Through(revived.BaseAddress, direct).PostAsJsonAsync("/api/incidents", Call("打给复活旧主的报警")))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            }
            var listed = await api.GetFromJsonAsync<List<IncidentSummary>>("/api/incidents", CommandApp.Json);
            Assert.DoesNotContain(listed!, i => i.Address is "打给复活旧主的报警" or "打给热备的报警");

            string report = "failover (redis, AOF always, lease 5 s): active killed with kill -9 under load; " +
                $"standby serving after {Seconds(takeover)} s, load flowing again through the proxy after {Seconds(firstCalls)} s; " +
                $"{load.Summary}; {overdue} dispatch deadlines fired exactly once; the revived old active stood by and wrote nothing";
            await FaultReport.WriteAsync(output, report);
            Assert.True(takeover <= TakeoverBound, report);
        }
        finally
        {
            await active.DisposeAsync();
        }
    }

    [Fact]
    public async Task AFrozenActiveThatWakesUpAfterTheTakeoverWritesNothingAndStops()
    {
        await using var redis = RedisServer.StartPersistent();
        var configuration = Configuration();
        configuration["Storage__Redis__LeaseTtl"] = "00:00:02";
        string[] args = [.. RedisArgs, "--redis", redis.Endpoint];
        await using var active = await SiloProcess.StartAsync(configuration: configuration, args: args);
        await using var standby = await SiloProcess.StartAsync(configuration: configuration, args: args, standby: true);
        var direct = await active.StaffAsync();
        var kept = await CommandApp.Read<IncidentDetail>(await direct.PostAsJsonAsync("/api/incidents", Call("冻结前的报警")), HttpStatusCode.Created);

        // A pause longer than the lease (a stalled VM, a debugger): the standby takes over meanwhile.
        active.Signal("STOP");
        try
        {
            await Eventually.Get(() => standby.IsServingAsync(), ok => ok, "the standby to take over", TimeSpan.FromSeconds(30));
            // A call that reaches the frozen silo is handled when it wakes, still believing it is active.
            var late = direct.PostAsJsonAsync("/api/incidents", Call("冻结期间打给旧主的报警"));
            await Task.Delay(300);
            active.Signal("CONT");

            using var answer = await late;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Contains("does not hold the Redis lease", await answer.Content.ReadAsStringAsync());
        }
        finally
        {
            active.Signal("CONT");
        }
        Assert.Equal(4, await active.ExitedAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("lost its lease", active.Output);

        using var api = SiloProcess.Through(standby.BaseAddress, direct);
        var listed = await api.GetFromJsonAsync<List<IncidentSummary>>("/api/incidents", CommandApp.Json);
        Assert.Equal([kept.Id], listed!.Select(i => i.Id));
    }

    /// <summary>A call whose address says where it was sent, so a stray one is recognised in the list.</summary>
    private static object Call(string address) => new { channel = 110, type = "dispute", lon = 115.45, lat = 36.49, address };

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
