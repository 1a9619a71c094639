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
/// Outside a development setting, a silo that finds accounts with the published demo password never serves: it stops
/// (<see cref="StartRefusal"/>).
/// </summary>
internal sealed class SiloStartup(
    IEventJournal journal,
    ITelemetryStore telemetry,
    IncidentCatalog catalog,
    Statistics.CaseFacts facts,
    EscalationBoard board,
    FollowUps.FollowUpBoard followUps,
    Disputes.DisputeBoard disputes,
    Sweeps.SweepBoard sweeps,
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
        await catalog.LoadAsync(journal, board, facts, logger, cancellationToken);
        await followUps.LoadAsync(journal, logger, cancellationToken);
        await disputes.LoadAsync(journal, logger, cancellationToken);
        await sweeps.LoadAsync(journal, logger, cancellationToken);
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
