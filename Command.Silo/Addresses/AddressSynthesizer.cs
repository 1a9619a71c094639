using System.Text;
using Command.Abstractions.Jurisdictions;
using Command.Silo.Jurisdictions;
using Command.Silo.Jurisdictions.Synthesis;
using NetTopologySuite.Geometries;

namespace Command.Silo.Addresses;

/// <summary>
/// Derives the SYNTHETIC standard address base of the demo (maps/liaocheng-addresses.csv) from the synthetic
/// townships: in each township a few invented streets (east–west …路, north–south …街) with house numbers along them,
/// odd on one side and even on the other, every point inside its township. The streets and numbers do not exist.
/// </summary>
/// <remarks>A pure function of the map files, like <see cref="MapSynthesizer"/>: each township's choices come from a
/// <see cref="Random"/> seeded by a stable hash of its id, and coordinates are rounded to the 5 decimals they are
/// written with before they are placed, so re-running reproduces the file byte for byte.</remarks>
public static class AddressSynthesizer
{
    private const double MetersBetweenHouses = 30;
    private const double MetersAcrossStreet = 12;
    private const double MetersPerDegreeLat = 110_970;
    private const double MetersPerDegreeLon = 89_590;

    private static readonly string[] StreetWords =
    [
        "花园", "建设", "人民", "振兴", "光明", "幸福", "育才", "文化", "胜利", "兴华", "和平", "民主", "团结", "长江", "黄河",
        "泰山", "运河", "湖滨", "柳园", "新华", "向阳", "东风", "红星", "朝阳", "健康", "工业", "站前", "府前", "学府", "丰收",
        "富民", "金山", "银河", "龙山", "凤凰", "清泉", "永安", "利民", "昌润", "卫育", "光岳", "兴业", "振华", "安居", "东岳",
    ];

    private static readonly string[] Directions = ["", "东", "西", "南", "北", "中"];

    public static void WriteFile(string mapsDirectory)
    {
        var map = JurisdictionMap.Load(mapsDirectory);
        File.WriteAllText(Path.Combine(mapsDirectory, AddressBook.DemoFileName), Csv(Synthesize(map)), new UTF8Encoding(false));
    }

    public static string Csv(IEnumerable<StandardAddress> addresses)
    {
        var text = new StringBuilder(AddressCsv.Header).Append('\n');
        foreach (var a in addresses)
        {
            text.Append(AddressCsv.Quote(a.Address)).Append(',').Append(AddressText.Invariant(a.Lon)).Append(',')
                .Append(AddressText.Invariant(a.Lat)).Append(',').Append(a.JurisdictionId).Append(',')
                .Append(a.Synthetic ? "true" : "false").Append('\n');
        }
        return text.ToString();
    }

    public static IReadOnlyList<StandardAddress> Synthesize(JurisdictionMap map)
    {
        var result = new List<StandardAddress>();
        foreach (var county in map.Counties.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var usedStreets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var township in county.ChildIds.Order(StringComparer.Ordinal).Select(id => map.Find(id)!).Where(t => t.Level == JurisdictionLevel.Township))
            {
                var rng = new Random(MapSynthesizer.StableSeed(township.Id + "/addresses"));
                var streets = rng.Next(4, 8);
                for (var s = 0; s < streets; s++)
                {
                    var eastWest = s % 2 == 0;
                    var name = StreetName(rng, eastWest, usedStreets);
                    var start = PointInside(rng, township);
                    var houses = rng.Next(12, 41);
                    // Numbers run away from the start, eastwards or northwards; a street cut by the township's border
                    // simply has no house there.
                    for (var n = 1; n <= houses; n++)
                    {
                        var along = (n - 1) / 2 * MetersBetweenHouses;
                        var across = n % 2 == 1 ? MetersAcrossStreet : -MetersAcrossStreet;
                        var (dx, dy) = eastWest ? (along, across) : (across, along);
                        var lon = Math.Round(start.X + dx / MetersPerDegreeLon, 5);
                        var lat = Math.Round(start.Y + dy / MetersPerDegreeLat, 5);
                        if (!township.Prepared.Covers(new Point(lon, lat)))
                        {
                            continue;
                        }
                        var placed = map.Locate(lon, lat);
                        result.Add(new StandardAddress($"{MapSynthesizer.CityName}{county.Name}{township.Name}{name}{n}号", lon, lat, placed.Jurisdiction.Id, Synthetic: true));
                    }
                }
            }
        }
        return result;
    }

    private static string StreetName(Random rng, bool eastWest, HashSet<string> used)
    {
        for (var attempt = 0; ; attempt++)
        {
            var word = StreetWords[rng.Next(StreetWords.Length)];
            var direction = Directions[rng.Next(Directions.Length)];
            var kind = eastWest ? (rng.Next(4) == 0 ? "大道" : "路") : (rng.Next(4) == 0 ? "大街" : "街");
            var name = $"{word}{direction}{kind}";
            if (used.Add(name) || attempt > 50)
            {
                return name;
            }
        }
    }

    private static Coordinate PointInside(Random rng, JurisdictionInfo township)
    {
        var box = township.Boundary.EnvelopeInternal;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var lon = Math.Round(box.MinX + rng.NextDouble() * box.Width, 5);
            var lat = Math.Round(box.MinY + rng.NextDouble() * box.Height, 5);
            if (township.Prepared.Covers(new Point(lon, lat)))
            {
                return new Coordinate(lon, lat);
            }
        }
        var inside = township.Boundary.InteriorPoint.Coordinate;
        return new Coordinate(Math.Round(inside.X, 5), Math.Round(inside.Y, 5));
    }
}
