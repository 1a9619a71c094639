using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Abstractions.Runtime;
using Command.Silo.Demo;
using Command.Silo.Jurisdictions;

namespace Command.Benchmarks.Load;

/// <summary>
/// The bench's patrol teams: spread over the whole city from a fixed seed, each based in the county it starts in, with
/// the modes and kit of the demo's teams, so recommendations search a realistic mix and every run sees the same city.
/// </summary>
public static class BenchTeams
{
    private static readonly TeamMode[] modes = [TeamMode.Vehicle, TeamMode.Foot, TeamMode.Motorcycle, TeamMode.Vehicle, TeamMode.Checkpoint];
    private static readonly string[] members = ["王伟", "李强", "张磊", "刘洋"];

    public static IReadOnlyList<DemoTeam> Create(JurisdictionMap map, int count)
    {
        var city = map.Find(JurisdictionMap.CityId) ?? throw new InvalidOperationException("The map has no city.");
        var random = new Random(7_000 + count);
        var teams = new List<DemoTeam>(count);
        for (int n = 1; n <= count; n++)
        {
            var at = DemoCity.RandomPointIn(city.Boundary, city.Prepared, random);
            var county = map.Locate(at.X, at.Y).Chain.First(j => j.Level == JurisdictionLevel.County);
            var mode = modes[n % modes.Length];
            List<string> equipment = mode switch
            {
                TeamMode.Checkpoint => ["对讲机", "防爆器材", "阻车器"],
                TeamMode.Foot => ["对讲机", "执法记录仪", "防暴装备"],
                _ => ["对讲机", "执法记录仪", "急救包"],
            };
            var definition = new TeamDefinition($"压测{n}组", mode, members[0], members, equipment, county.Id);
            teams.Add(new DemoTeam($"bench-{n:00000}", definition, Math.Round(at.X, 6), Math.Round(at.Y, 6)));
        }
        return teams;
    }

    /// <summary>Commissions the teams through their grains, each with a first position so it can be recommended;
    /// <paramref name="commissioned"/> hears the running count.</summary>
    public static Task CommissionAsync(IGrainFactory grains, IReadOnlyList<DemoTeam> teams, Action<int>? commissioned = null)
    {
        int done = 0;
        return Parallel.ForEachAsync(teams, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (team, _) =>
        {
            var grain = grains.GetGrain<IPatrolTeamGrain>(team.Id);
            await grain.Commission(team.Definition, "bench");
            await grain.ReportPosition(new TeamPosition(team.Lon, team.Lat, DateTimeOffset.UtcNow));
            commissioned?.Invoke(Interlocked.Increment(ref done));
        });
    }
}
