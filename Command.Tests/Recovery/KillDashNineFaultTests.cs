using Command.Tests.Support;
using Xunit.Abstractions;

namespace Command.Tests.Recovery;

/// <summary>
/// The fault test: a load client keeps receiving calls, dispatching, closing and sending positions while the silo is
/// killed with kill -9 at random moments, ten times. After every restart, every call that was answered 2xx must be
/// there, once, in order; and the dispatch deadlines (durable reminders) must each fire exactly once, across the kills.
/// `.ci/fault` runs it alone and prints the counts; COMMAND_FAULT_REPORT names a file the counts are appended to.
/// </summary>
public sealed class KillDashNineFaultTests(ITestOutputHelper output)
{
    private const int Kills = 10;
    private const int Workers = 4;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task EveryAcknowledgedCallSurvivesTenKillsAndEveryDeadlineFiresOnce(string storage)
    {
        string data = Directory.CreateTempSubdirectory("command-fault-").FullName;
        int port = SiloProcess.FreePort();
        // Severity IV calls are overdue for dispatch after 3 s here, so deadlines keep falling due across the kills.
        var environment = new Dictionary<string, string>
        {
            ["Dispatch__DispatchDeadlineMinutes__4"] = "0.05",
            ["Storage__Redis__KeyPrefix"] = $"fault-{Guid.NewGuid():N}:",
        };
        // On Redis the silo restarts as the same member of its cluster, on the same Orleans port, as systemd restarts
        // it: the cluster then knows the killed one is dead at once, instead of waiting to hear from it.
        string[] args = storage == "redis"
            ? ["--storage", "redis", "--redis", RedisServer.Shared.Endpoint, "--no-demo", "--silo-port", SiloProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : ["--no-demo"];
        var load = new LoadClient();
        var random = new Random(20261121);

        var silo = await SiloProcess.StartAsync(data, port, environment, args);
        try
        {
            var api = await silo.StaffAsync();
            await LoadClient.CommissionTeamsAsync(api);

            for (int round = 1; round <= Kills; round++)
            {
                using var stop = new CancellationTokenSource();
                var workers = load.RunAsync(api, Workers, round, stop.Token);
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(800, 2500)));
                await silo.StopAsync(); // kill -9 while calls are in flight
                await stop.CancelAsync();
                await workers;

                silo = await SiloProcess.StartAsync(data, port, environment, args);
                // The token issued before the first kill is still good: sessions and keys are in the store too.
                await load.VerifyAsync(api, $"after kill {round}");
            }

            // Every deadline falls due at most 3 s after its call; give the last ones time, then each must have fired once.
            await Task.Delay(TimeSpan.FromSeconds(5));
            int overdue = await load.VerifyDeadlinesAsync(api);
            string report = $"{storage}: {Kills} kills; {load.Summary}; {overdue} dispatch deadlines fired exactly once";
            await FaultReport.WriteAsync(output, report);
            Assert.Equal(0, load.Faults);
            Assert.True(load.Incidents >= 100, $"The load was too light to mean anything: {report}");
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}
