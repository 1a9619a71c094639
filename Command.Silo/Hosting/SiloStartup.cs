using System.Globalization;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Demo;
using Command.Silo.Escalation;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Command.Silo.Spatial;
using Command.Silo.Storage;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using Orleans.Runtime;

namespace Command.Silo.Hosting;

/// <summary>
/// Brings the silo to serving: rebuilds the read models from storage, wakes every team so the map is complete,
/// seeds the demo city once, and repairs what a crash between two grains can leave behind. /healthz says 503 until done.
/// </summary>
internal sealed class SiloStartup(
    IOptions<SiloOptions> options,
    IEventJournal journal,
    Storage.IDeadlineTable deadlines,
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
    private const string DemoSeedStream = "seed/liaocheng-demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await catalog.LoadAsync(journal, board, logger, cancellationToken);
        teams.LoadStoredPositions(await telemetry.ReadLatestAsync(cancellationToken));
        var teamStreams = await journal.ListStreamsAsync("team/", cancellationToken);
        await Parallel.ForEachAsync(teamStreams, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (stream, _) => await grains.GetGrain<IPatrolTeamGrain>(stream["team/".Length..]).GetView());

        if (options.Value.Demo && (await journal.ReadAsync(DemoSeedStream, 0, cancellationToken)).Count == 0)
        {
            await SeedDemoAsync(cancellationToken);
        }
        await ReleaseTeamsOfClosedIncidentsAsync();
        await WakeGrainsWithDeadlinesAsync(cancellationToken);
        await access.StartAsync(options.Value.Demo, cancellationToken);
        readiness.MarkReady();
        logger.LogInformation("Silo serving: {Incidents} incidents, {Teams} teams, {Jurisdictions} jurisdictions, loaded in {Elapsed:0.00}s",
            catalog.Count, teams.Count, map.All.Count, time.GetElapsedTime(started).TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedDemoAsync(CancellationToken cancellationToken)
    {
        var checkpoints = LoadCheckpoints(map);
        var demoTeams = DemoCity.Teams(map, checkpoints);
        foreach (var team in demoTeams)
        {
            var grain = grains.GetGrain<IPatrolTeamGrain>(team.Id);
            await grain.Commission(team.Definition, "demo");
            if (teams.LastKnownPosition(team.Id) is null)
            {
                await grain.ReportPosition(new TeamPosition(team.Lon, team.Lat, time.GetUtcNow()));
            }
        }
        await Task.WhenAll(DemoCity.Rosters(map).Select(r => grains.GetGrain<IJurisdictionGrain>(r.Key).SetRoster(r.Value, "demo")));
        await journal.AppendAsync(DemoSeedStream, 0,
            [new JournalEntry(1, time.GetUtcNow(), "seeded", "demo", $"{{\"teams\":{demoTeams.Count.ToString(CultureInfo.InvariantCulture)}}}")], null, cancellationToken);
        logger.LogInformation("Seeded the demo city: {Teams} patrol teams and duty rosters", demoTeams.Count);
    }

    /// <summary>Closing an incident releases its teams after the close is journaled; a crash in between leaves a team
    /// dispatched to a closed incident. The catalog knows which incidents are closed, so that is repaired here.</summary>
    private async Task ReleaseTeamsOfClosedIncidentsAsync()
    {
        foreach (var team in teams.All().Where(t => t.IncidentId is not null).ToList())
        {
            if (catalog.Find(team.IncidentId!) is { Status: IncidentStatus.Closed })
            {
                logger.LogWarning("Team {Team} was still out for closed incident {Incident}; releasing it", team.Id, team.IncidentId);
                await grains.GetGrain<IPatrolTeamGrain>(team.Id).Release(team.IncidentId!, "system");
            }
        }
    }

    /// <summary>An Orleans reminder whose silo was down skips to its next period; a deadline must not wait for that.
    /// Every grain that holds a deadline is activated now, and takes at once whatever fell due while the silo was down.</summary>
    private async Task WakeGrainsWithDeadlinesAsync(CancellationToken cancellationToken)
    {
        var owners = (await deadlines.ReadAllAsync(cancellationToken)).Where(r => !GrainReminderTable.IsOrleansRow(r))
            .Select(r => r.GrainId).Distinct().ToList();
        await Parallel.ForEachAsync(owners, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (owner, _) =>
        {
            try
            {
                await grains.GetGrain<IRemindable>(GrainId.Parse(owner)).ReceiveReminder(Runtime.DeadlineReminder.Name, default);
            }
            catch (Exception ex)
            {
                // One grain that cannot load must not keep the rest of the city from serving; its reminder retries it.
                logger.LogError(ex, "Could not wake {Grain} for its deadlines", owner);
            }
        });
        if (owners.Count > 0)
        {
            logger.LogInformation("Woke {Count} grains that hold deadlines", owners.Count);
        }
    }

    internal static IReadOnlyList<Point> LoadCheckpoints(JurisdictionMap map)
    {
        string? directory = map.SourceDirectory;
        string path = directory is null ? "" : Path.Combine(directory, "liaocheng-assets.geojson");
        if (!File.Exists(path))
        {
            return [];
        }
        using var stream = File.OpenRead(path);
        return [.. GeoJson.ReadFeatures(stream)
            .Where(f => f.Properties["kind"]?.GetValue<string>() == "checkpoint")
            .Select(f => f.Geometry).OfType<Point>()];
    }
}
