using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Escalation;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Command.Silo.Storage;

namespace Command.Silo.Hosting;

/// <summary>
/// Brings the silo to serving: rebuilds its read models from storage and asks every team for its view, so the map is
/// complete, then has the cluster's start-up work run (<see cref="ClusterStartup"/>) if no silo did. /healthz says 503 until done.
/// </summary>
internal sealed class SiloStartup(
    IEventJournal journal,
    ITelemetryStore telemetry,
    IncidentCatalog catalog,
    EscalationBoard board,
    TeamRegistry teams,
    JurisdictionMap map,
    IGrainFactory grains,
    Readiness readiness,
    Access.AccessBootstrap access,
    TimeProvider time,
    ILogger<SiloStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await catalog.LoadAsync(journal, board, logger, cancellationToken);
        teams.LoadStoredPositions(await telemetry.ReadLatestAsync(cancellationToken));
        // The map shows every team: their grains answer wherever in the cluster they live.
        var teamStreams = await journal.ListStreamsAsync("team/", cancellationToken);
        await Parallel.ForEachAsync(teamStreams, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (stream, _) =>
        {
            if (await grains.GetGrain<IPatrolTeamGrain>(stream["team/".Length..]).GetView() is { } view)
            {
                teams.Apply(view);
            }
        });
        await access.LoadAsync();
        await grains.GetGrain<IClusterStartupGrain>(ClusterStartupGrain.Key).Run();
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
