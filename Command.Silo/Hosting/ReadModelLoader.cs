using Command.Abstractions.Patrols;
using Command.Silo.Escalation;
using Command.Silo.Incidents;
using Command.Silo.Patrols;
using Command.Silo.Storage;

namespace Command.Silo.Hosting;

/// <summary>
/// Fills the silo's in-memory read models from the store: the lists of incidents, escalations, case facts, follow-up
/// items, disputes and sweeps from their snapshots, the map from the teams' grains, and the credential mirror from its
/// register. At start they are empty; after the cluster feed says this silo missed other silos' changes it runs again
/// over what is there, and every model keeps the newer of what it holds and what it reads, so nothing goes back.
/// </summary>
internal sealed class ReadModelLoader(
    IEventJournal journal,
    ITelemetryStore telemetry,
    IncidentCatalog catalog,
    Statistics.CaseFacts facts,
    EscalationBoard board,
    FollowUps.FollowUpBoard followUps,
    Disputes.DisputeBoard disputes,
    Sweeps.SweepBoard sweeps,
    TeamRegistry teams,
    IGrainFactory grains,
    Access.AccessBootstrap access,
    ILogger<ReadModelLoader> logger)
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
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
    }
}
