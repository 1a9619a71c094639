using System.Globalization;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Silo.Demo;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Command.Silo.Spatial;
using Command.Silo.Storage;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace Command.Silo.Hosting;

/// <summary>
/// The start-up work of the cluster, run once (<see cref="ClusterStartupGrain"/>) however many silos start: seeds the
/// demo city once (its accounts only in a development setting, see <see cref="Access.AccessBootstrap"/>), repairs what a crash between two grains can leave behind, and wakes every grain
/// that holds a deadline, so one that fell due while the cluster was down is taken now.
/// </summary>
internal sealed class ClusterStartup(
    IOptions<SiloOptions> options,
    IOptions<Sweeps.SweepOptions> sweeps,
    IEventJournal journal,
    IncidentCatalog catalog,
    TeamRegistry teams,
    JurisdictionMap map,
    IGrainFactory grains,
    Access.AccessBootstrap access,
    Runtime.DeadlineSweep deadlines,
    TimeProvider time,
    ILogger<ClusterStartup> logger)
{
    private const string DemoSeedStream = "seed/liaocheng-demo";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Demo && (await journal.ReadAsync(DemoSeedStream, 0, cancellationToken)).Count == 0)
        {
            await SeedDemoAsync(cancellationToken);
        }
        await access.EnsureAccountsAsync(options.Value.Demo, cancellationToken);
        await ReleaseTeamsOfClosedIncidentsAsync();
        await deadlines.WakeAllAsync(cancellationToken);
        if (sweeps.Value.Clock)
        {
            // Journaled once; after that only makes sure the next end of a 排查 period is scheduled.
            await grains.GetGrain<Abstractions.Sweeps.ISweepClockGrain>(Sweeps.SweepClockGrain.CityKey).Start();
        }
    }

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
