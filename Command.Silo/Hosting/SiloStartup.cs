using Command.Abstractions.Runtime;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;

namespace Command.Silo.Hosting;

/// <summary>
/// Brings the silo to serving: rebuilds its read models from storage and asks every team for its view, so the map is
/// complete (<see cref="ReadModelLoader"/>, which the cluster feed runs again if this silo misses changes), then has the cluster's start-up work run (<see cref="ClusterStartup"/>) if no silo did. /healthz says 503 until done.
/// Outside a development setting, a silo that finds accounts with the published demo password never serves: it stops
/// (<see cref="StartRefusal"/>).
/// </summary>
internal sealed class SiloStartup(
    ReadModelLoader readModels,
    Cluster.IClusterFeed feed,
    IncidentCatalog catalog,
    TeamRegistry teams,
    JurisdictionMap map,
    IGrainFactory grains,
    Readiness readiness,
    Access.AccessBootstrap access,
    StartRefusal refusal,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SiloStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await readModels.LoadAsync(cancellationToken);
        feed.OnMissed(readModels.LoadAsync);
        await grains.GetGrain<IClusterStartupGrain>(ClusterStartupGrain.Key).Run();
        try
        {
            await access.CheckDemoPasswordsAsync();
        }
        catch (Access.DemoPasswordsException ex)
        {
            logger.LogCritical("Not serving: accounts {Accounts} still have the published demo password; the silo stops (exit code {Code})",
                string.Join(", ", ex.Accounts), StartRefusal.DemoPasswords);
            refusal.Refuse(StartRefusal.DemoPasswords, ex.Message);
            readiness.MarkNotReady("accounts still have the published demo password: " + string.Join(", ", ex.Accounts));
            // Once started, not now: a stop requested mid-start cancels the rest of it, and Orleans then goes down in
            // disorder instead of leaving its cluster.
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
            return;
        }
        readiness.MarkReady();
        logger.LogInformation("Silo serving: {Incidents} incidents, {Teams} teams, {Jurisdictions} jurisdictions, loaded in {Elapsed:0.00}s",
            catalog.Count, teams.Count, map.All.Count, time.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>First to stop (hosted services stop in reverse): /healthz says 503 while Orleans hands the grains over.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.MarkNotReady("stopping");
        return Task.CompletedTask;
    }
}
