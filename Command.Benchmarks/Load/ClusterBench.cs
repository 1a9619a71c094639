using System.Diagnostics;
using Command.Abstractions.Patrols;
using Command.Silo.Hosting;
using Command.Silo.Jurisdictions;
using Command.Silo.Storage;
using Orleans.Runtime;

namespace Command.Benchmarks.Load;

/// <summary>
/// Two silos in this process on one Redis and one key prefix, so they form one Orleans cluster as two deployed silos
/// do, and a grain call from silo A to a team grain the runtime says is active on silo B, against a call from A to one
/// active on A. Placement is not forced: candidates are activated from each silo and the directory is asked where each
/// one lives, so the figure is a real silo-to-silo call, checked again after it was measured.
/// </summary>
public static class ClusterBench
{
    private const int Candidates = 16;

    private const string Measure = "cross-silo grain call (GetView), silo A to a grain on silo B";

    /// <summary>The row when no Redis is at hand: two silos form a cluster only through one.</summary>
    public static BenchRow Skipped(string why) => new("mailbox", Measure, "skipped: " + why);

    /// <param name="server">The Redis server both silos use.</param>
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(string server, TimeSpan duration, BenchLog log, BenchProgress progress)
    {
        var settings = new Dictionary<string, string?> { ["Storage:Redis:KeyPrefix"] = $"command-bench-cluster-{Guid.NewGuid():N}:" };
        SiloOptions Options() => new() { Storage = StorageKind.Redis, Redis = server, DataDirectory = BenchSilo.NewDataDirectory(), Demo = false };
        progress.Report(0, "starting silo A");
        await using var a = await BenchSilo.StartAsync(Options(), log, ownsData: true, settings: settings);
        progress.Report(0, "starting silo B");
        await using var b = await BenchSilo.StartAsync(Options(), log, ownsData: true, settings: settings);
        var siloA = a.Get<ILocalSiloDetails>().SiloAddress;
        var siloB = b.Get<ILocalSiloDetails>().SiloAddress;
        await WaitForClusterAsync(a, [siloA, siloB]);

        progress.Report(0, "placing the grains");
        // Each silo activates half the candidates; the placement may put any of them on either silo.
        var teams = BenchTeams.Create(a.Get<JurisdictionMap>(), Candidates);
        await BenchTeams.CommissionAsync(b.Get<IGrainFactory>(), teams.Take(Candidates / 2).ToList());
        await BenchTeams.CommissionAsync(a.Get<IGrainFactory>(), teams.Skip(Candidates / 2).ToList());
        var grainsOfA = a.Get<IGrainFactory>();
        var management = grainsOfA.GetGrain<IManagementGrain>(0);
        IPatrolTeamGrain? onA = null, onB = null;
        foreach (var team in teams)
        {
            var grain = grainsOfA.GetGrain<IPatrolTeamGrain>(team.Id);
            var where = await management.GetActivationAddress(grain);
            onA ??= siloA.Equals(where) ? grain : null;
            onB ??= siloB.Equals(where) ? grain : null;
        }
        if (onA is null || onB is null)
        {
            string missing = onB is null ? "silo B" : "silo A";
            return [BenchRow.Failed("mailbox", Measure, $"none of {Candidates} team grains was placed on {missing}")];
        }

        var rows = await MailboxBench.CrossSiloAsync(onA, onB, duration, progress);
        // A grain that moved while it was measured would make the cross-silo figure a local one.
        bool stayed = siloB.Equals(await management.GetActivationAddress(onB)) && siloA.Equals(await management.GetActivationAddress(onA));
        return stayed
            ? rows
            : [.. rows.Select(r => r with { Broken = "a measured grain moved to the other silo while it was measured" })];
    }

    /// <summary>Until silo A counts every one of <paramref name="silos"/> as active: a call placed before that could not
    /// reach B.</summary>
    private static async Task WaitForClusterAsync(BenchSilo a, IReadOnlyList<SiloAddress> silos)
    {
        var management = a.Get<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var hosts = await management.GetHosts(onlyActive: true);
            if (silos.All(hosts.ContainsKey))
            {
                return;
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The two bench silos did not form one cluster: silo A sees {hosts.Count} active.");
            }
            await Task.Delay(50);
        }
    }
}
