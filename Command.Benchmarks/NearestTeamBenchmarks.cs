using BenchmarkDotNet.Attributes;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Benchmarks.Load;
using Command.Silo.Jurisdictions;
using Command.Silo.Patrols;
using Microsoft.Extensions.Options;

namespace Command.Benchmarks;

/// <summary>Recommendations: the five quickest available teams for a call, from the grid index of the team
/// registry, with every team in the city positioned and available.</summary>
[MemoryDiagnoser]
public class NearestTeamBenchmarks
{
    private TeamRegistry registry = null!;
    private (double Lon, double Lat)[] calls = [];
    private int next;

    [Params(1_000, 10_000)]
    public int Teams { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        var map = JurisdictionMap.Load(JurisdictionMap.FindMapsDirectory());
        registry = new TeamRegistry(Options.Create(new DispatchOptions()), TimeProvider.System, new Command.Silo.Cluster.LocalFeed());
        var now = DateTimeOffset.UtcNow;
        foreach (var team in BenchTeams.Create(map, Teams))
        {
            var d = team.Definition;
            registry.Update(new TeamView(team.Id, d.Callsign, d.Mode, TeamStatus.Available, now, d.Members.Count, d.Leader, d.Members, d.Equipment,
                d.JurisdictionId, new TeamPosition(team.Lon, team.Lat, now), false, null, 1));
        }
        var random = new Random(43);
        calls = [.. Enumerable.Range(0, 256).Select(_ => BenchIncidents.RandomPoint(map, random)).Select(p => (p.Lon, p.Lat))];
    }

    [Benchmark(Description = "Recommend top 5")]
    public int Recommend()
    {
        var (lon, lat) = calls[next++ & 255];
        return registry.Recommend(lon, lat, IncidentType.PublicOrder, 5).Count;
    }
}
