using Command.Abstractions.Access;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Patrols;
using Command.Silo.Jurisdictions;
using Command.Silo.Spatial;
using NetTopologySuite.Geometries;

namespace Command.Silo.Demo;

/// <summary>
/// The synthetic people of the demo: patrol teams (4–8 per county across modes, 8–12 members each) and duty rosters.
/// Names are drawn from common surnames and given names; any likeness to a real person is chance. Everything is
/// derived from a fixed seed per county, so every start and every machine sees the same demo.
/// </summary>
public static class DemoCity
{
    private static readonly string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "宋", "谢", "韩", "唐", "冯", "于", "董", "萧"];
    private static readonly string[] givenNames = ["伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "鹏", "华", "刚", "辉", "健", "斌", "波", "宁", "凯", "峰", "亮", "建国", "志强", "海涛", "晓东", "红梅", "丽娟", "静", "敏", "燕", "玉兰"];

    private static readonly (TeamMode Mode, string Label)[] modes =
    [
        (TeamMode.Vehicle, "车巡"), (TeamMode.Foot, "步巡"), (TeamMode.Vehicle, "车巡"), (TeamMode.Checkpoint, "卡点"),
        (TeamMode.Motorcycle, "摩巡"), (TeamMode.Foot, "步巡"), (TeamMode.Vehicle, "车巡"), (TeamMode.Motorcycle, "摩巡"),
    ];

    public static IReadOnlyList<DemoTeam> Teams(JurisdictionMap map, IReadOnlyList<Point> checkpoints)
    {
        var teams = new List<DemoTeam>();
        foreach (var county in map.Counties.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var random = new Random(int.Parse(county.Id, System.Globalization.CultureInfo.InvariantCulture));
            int count = random.Next(4, 9);
            var countyCheckpoints = checkpoints.Where(p => county.Prepared.Covers(p)).ToList();
            var labelCounts = new Dictionary<string, int>();
            for (int n = 1; n <= count; n++)
            {
                var (mode, label) = modes[(n - 1) % modes.Length];
                labelCounts[label] = labelCounts.GetValueOrDefault(label) + 1;
                var members = Enumerable.Range(0, random.Next(8, 13)).Select(_ => PersonName(random)).Distinct().ToList();
                var equipment = new List<string> { "对讲机", "执法记录仪" };
                if (mode is TeamMode.Vehicle or TeamMode.Foot && random.NextDouble() < 0.6)
                {
                    equipment.Add("防暴装备");
                }
                if (mode is TeamMode.Vehicle or TeamMode.Motorcycle)
                {
                    equipment.Add("急救包");
                }
                if (mode == TeamMode.Checkpoint)
                {
                    equipment.AddRange(["防爆器材", "阻车器"]);
                }
                // Checkpoint teams stand at a border checkpoint of their county when it has one.
                var start = mode == TeamMode.Checkpoint && countyCheckpoints.Count > 0
                    ? countyCheckpoints[random.Next(countyCheckpoints.Count)].Coordinate
                    : RandomPointIn(county.Boundary, county.Prepared, random);
                var definition = new TeamDefinition($"{county.Name}{label}{labelCounts[label]}组", mode, members[0], members, equipment, county.Id,
                    $"1{random.Next(30, 90)}{random.Next(0, 100_000_000):00000000}");
                teams.Add(new DemoTeam($"team-{county.Id}-{n:00}", definition, Math.Round(start.X, 6), Math.Round(start.Y, 6)));
            }
        }
        return teams;
    }

    /// <summary>A 值班员 and a 带班领导 for every jurisdiction down to the villages.</summary>
    public static IReadOnlyDictionary<string, DutyRoster> Rosters(JurisdictionMap map)
    {
        var random = new Random(371500);
        var rosters = new Dictionary<string, DutyRoster>(StringComparer.Ordinal);
        foreach (var jurisdiction in map.All.Where(j => j.Level <= JurisdictionLevel.Village).OrderBy(j => j.Id, StringComparer.Ordinal))
        {
            rosters[jurisdiction.Id] = new DutyRoster(PersonName(random), PersonName(random), $"1{random.Next(30, 90)}{random.Next(0, 100_000_000):00000000}");
        }
        // Where the demo has a leader's account, that leader is the one on duty, so what reaches /leader and the
        // SMS outbox names the person who can sign in and sign for it.
        foreach (var (_, profile) in DemoUsers.All.Where(u => u.Profile.Role == Role.Leader))
        {
            if (rosters.TryGetValue(profile.JurisdictionId, out var roster))
            {
                rosters[profile.JurisdictionId] = roster with { LeaderOnDuty = profile.DisplayName };
            }
        }
        return rosters;
    }

    public static Coordinate RandomPointIn(Geometry boundary, NetTopologySuite.Geometries.Prepared.IPreparedGeometry prepared, Random random)
    {
        var envelope = boundary.EnvelopeInternal;
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var candidate = new Coordinate(envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height);
            if (prepared.Covers(GeoJson.Factory.CreatePoint(candidate)))
            {
                return candidate;
            }
        }
        return boundary.InteriorPoint.Coordinate;
    }

    private static string PersonName(Random random) => surnames[random.Next(surnames.Length)] + givenNames[random.Next(givenNames.Length)];
}
