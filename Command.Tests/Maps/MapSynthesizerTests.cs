using System.Text;
using System.Text.Json.Nodes;
using Command.Silo.Jurisdictions.Synthesis;
using Command.Silo.Spatial;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Command.Tests.Maps;

public sealed class MapSynthesizerTests(MapSynthesizerTests.Synthesis synthesis) : IClassFixture<MapSynthesizerTests.Synthesis>
{
    private const string RegenerateHint = "regenerate with `dotnet run --project Command.Silo -- maps synthesize`";

    // Square degrees; at 36.5°N one square degree is about 9,940 km², so 1e-7 is about 1,000 m², far below any
    // real mistake (a grid is ~5 km²). Neighbours share their edges exactly, so the real overlap is ~0.
    private const double OverlapEpsilon = 1e-7;

    /// <summary>Synthesizes once per test class: the whole city takes about a second and a half.</summary>
    public sealed class Synthesis
    {
        public Synthesis()
        {
            MapsDirectory = FindMapsDirectory();
            Counties = MapSynthesizer.ReadCounties(MapsDirectory);
            Jurisdictions = MapSynthesizer.Synthesize(Counties);
            Assets = MapSynthesizer.SynthesizeAssets(Counties, Jurisdictions);
            ById = Jurisdictions.ToDictionary(f => Id(f), StringComparer.Ordinal);
        }

        public string MapsDirectory { get; }

        public IReadOnlyList<GeoJsonFeature> Counties { get; }

        public IReadOnlyList<GeoJsonFeature> Jurisdictions { get; }

        public IReadOnlyList<GeoJsonFeature> Assets { get; }

        public IReadOnlyDictionary<string, GeoJsonFeature> ById { get; }

        public IEnumerable<GeoJsonFeature> Level(string level) => Jurisdictions.Where(f => Text(f, "level") == level);

        public Geometry County(string id) =>
            Counties.Single(c => MapSynthesizer.CountyIdsByName[Text(c, "name")] == id).Geometry;
    }

    [Fact]
    public void SynthesisIsDeterministic()
    {
        // One county is enough to show that nothing depends on time, hashing or global state, and that a
        // county's subdivision does not depend on the other counties.
        var guan = synthesis.Counties.Where(c => Text(c, "name") == "冠县").ToArray();
        var first = MapSynthesizer.Serialize(MapSynthesizer.Synthesize(guan));
        var second = MapSynthesizer.Serialize(MapSynthesizer.Synthesize(guan));
        var fromWholeCity = MapSynthesizer.Serialize(
            synthesis.Jurisdictions.Where(f => Id(f).StartsWith("371525-", StringComparison.Ordinal)));

        Assert.Equal(first, second);
        Assert.Equal(first, fromWholeCity);
    }

    [Fact]
    public void CommittedSyntheticFileMatchesGenerator()
    {
        var committed = File.ReadAllBytes(Path.Combine(synthesis.MapsDirectory, MapSynthesizer.SyntheticFileName));
        var generated = MapSynthesizer.Serialize(synthesis.Jurisdictions);
        Assert.True(committed.AsSpan().SequenceEqual(generated), $"{MapSynthesizer.SyntheticFileName} is stale: {RegenerateHint}");
    }

    [Fact]
    public void CommittedAssetsFileMatchesGenerator()
    {
        var committed = File.ReadAllBytes(Path.Combine(synthesis.MapsDirectory, MapSynthesizer.AssetsFileName));
        var generated = MapSynthesizer.Serialize(synthesis.Assets);
        Assert.True(committed.AsSpan().SequenceEqual(generated), $"{MapSynthesizer.AssetsFileName} is stale: {RegenerateHint}");
    }

    [Fact]
    public void EveryCountyOfTheSourceHasItsAdministrativeCode()
    {
        var names = synthesis.Counties.Select(c => Text(c, "name")).Order(StringComparer.Ordinal);
        Assert.Equal(MapSynthesizer.CountyIdsByName.Keys.Order(StringComparer.Ordinal), names);
        Assert.Equal("371525", MapSynthesizer.CountyIdsByName["冠县"]);
        Assert.Equal("371523", MapSynthesizer.CountyIdsByName["茌平县"]);
    }

    [Fact]
    public void TownshipsTileTheirCounty()
    {
        foreach (var (countyId, townships) in Children("township"))
        {
            Assert.InRange(townships.Count, 6, 10);
            AssertTiles(synthesis.County(countyId), townships, countyId, relativeTolerance: 0.005);
        }
    }

    [Fact]
    public void VillagesTileTheirTownship()
    {
        foreach (var (townshipId, villages) in Children("village"))
        {
            Assert.InRange(villages.Count, 4, 8);
            AssertTiles(synthesis.ById[townshipId].Geometry, villages, townshipId, relativeTolerance: 0.001);
        }
    }

    [Fact]
    public void GridsTileTheirVillage()
    {
        foreach (var (villageId, grids) in Children("grid"))
        {
            AssertTiles(synthesis.ById[villageId].Geometry, grids, villageId, relativeTolerance: 0.001);
        }
    }

    [Fact]
    public void EveryGridHasAVillageParentInsideIt()
    {
        var villagesWithGrids = new HashSet<string>(StringComparer.Ordinal);
        var snappedVillages = new Dictionary<string, IPreparedGeometry>(StringComparer.Ordinal);
        foreach (var grid in synthesis.Level("grid"))
        {
            var parentId = Text(grid, "parentId");
            Assert.True(synthesis.ById.TryGetValue(parentId, out var village), $"{Id(grid)} has unknown parent {parentId}");
            Assert.Equal("village", Text(village, "level"));
            if (!snappedVillages.TryGetValue(parentId, out var snapped))
            {
                snappedVillages[parentId] = snapped = Snapped(village.Geometry);
            }

            Assert.True(snapped.Covers(grid.Geometry), $"{Id(grid)} reaches outside {parentId}");

            // Slivers are merged away, except that a village must keep at least one grid.
            Assert.True(AreaKm2(grid.Geometry) >= MapSynthesizer.MinGridAreaKm2 || grid.Geometry.Area >= village.Geometry.Area * 0.999);
            villagesWithGrids.Add(parentId);
        }

        Assert.All(synthesis.Level("village"), v => Assert.Contains(Id(v), villagesWithGrids));
    }

    [Fact]
    public void FeaturesFollowTheIdAndNamingScheme()
    {
        Assert.Equal(synthesis.Jurisdictions.Count, synthesis.ById.Count);
        foreach (var feature in synthesis.Jurisdictions)
        {
            Assert.True((bool)feature.Properties["synthetic"]!);
            Assert.True(feature.Geometry.IsValid, $"{Id(feature)} is not valid");
            Assert.IsAssignableFrom<IPolygonal>(feature.Geometry);
            var (id, name, parentId) = (Id(feature), Text(feature, "name"), Text(feature, "parentId"));
            switch (Text(feature, "level"))
            {
                case "township":
                    Assert.Matches(@"^3715\d\d-t\d\d$", id);
                    Assert.StartsWith(parentId + "-", id, StringComparison.Ordinal);
                    Assert.EndsWith(id.EndsWith("-t01", StringComparison.Ordinal) ? "城关街道" : "镇", name, StringComparison.Ordinal);
                    break;
                case "village":
                    Assert.Matches(@"^3715\d\d-t\d\d-v\d\d$", id);
                    Assert.StartsWith(parentId + "-", id, StringComparison.Ordinal);
                    Assert.True(name.EndsWith('村') || name.EndsWith("社区", StringComparison.Ordinal), name);
                    break;
                case "grid":
                    Assert.Matches(@"^3715\d\d-t\d\d-v\d\d-g\d{2,}$", id);
                    Assert.StartsWith(parentId + "-", id, StringComparison.Ordinal);
                    var number = int.Parse(id[(id.LastIndexOf("-g", StringComparison.Ordinal) + 2)..], System.Globalization.CultureInfo.InvariantCulture);
                    Assert.Equal($"{Text(synthesis.ById[parentId], "name")}第{number}网格", name);
                    break;
                default:
                    Assert.Fail($"{id} has unknown level");
                    break;
            }
        }

        foreach (var siblings in synthesis.Jurisdictions.GroupBy(f => Text(f, "parentId")))
        {
            var names = siblings.Select(f => Text(f, "name")).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void KnownPointInGuanXianLandsInExactlyOneUnitOfEachLevel()
    {
        var point = GeoJson.Factory.CreatePoint(new Coordinate(115.45, 36.49));
        Assert.True(synthesis.County("371525").Contains(point));

        var township = Assert.Single(synthesis.Level("township"), f => f.Geometry.Covers(point));
        var village = Assert.Single(synthesis.Level("village"), f => f.Geometry.Covers(point));
        var grid = Assert.Single(synthesis.Level("grid"), f => f.Geometry.Covers(point));
        Assert.Equal("371525", Text(township, "parentId"));
        Assert.Equal(Id(township), Text(village, "parentId"));
        Assert.Equal(Id(village), Text(grid, "parentId"));
    }

    [Fact]
    public void CamerasLieInTheTownshipTheyBelongTo()
    {
        var cameras = synthesis.Assets.Where(a => Text(a, "kind") == "camera").ToList();
        Assert.All(cameras.GroupBy(c => Text(c, "jurisdictionId")[..6]), county => Assert.InRange(county.Count(), 8, 15));
        Assert.Equal(8, cameras.Select(c => Text(c, "jurisdictionId")[..6]).Distinct().Count());
        foreach (var camera in cameras)
        {
            Assert.Matches(@"^cam-\d{4}$", Id(camera));
            var township = synthesis.ById[Text(camera, "jurisdictionId")];
            Assert.Equal("township", Text(township, "level"));
            Assert.True(township.Geometry.Covers(camera.Geometry), $"{Id(camera)} is outside {Id(township)}");
            Assert.Matches($"^{Text(township, "name")}视频监控\\d\\d$", Text(camera, "name"));
        }
    }

    [Fact]
    public void CheckpointsLieOnTheBorderOfTheTwoCountiesTheyAreNamedAfter()
    {
        var checkpoints = synthesis.Assets.Where(a => Text(a, "kind") == "checkpoint").ToList();
        Assert.NotEmpty(checkpoints);
        foreach (var pair in checkpoints.GroupBy(c => Text(c, "name")[..Text(c, "name").IndexOf("界卡点", StringComparison.Ordinal)]))
        {
            Assert.InRange(pair.Count(), 3, 5);
            var names = pair.Key.Split('—');
            var ids = names.Select(n => MapSynthesizer.CountyIdsByName[n]).ToArray();
            foreach (var checkpoint in pair)
            {
                Assert.Matches(@"^cp-\d{3}$", Id(checkpoint));
                Assert.Contains(Text(checkpoint, "jurisdictionId"), ids);
                foreach (var id in ids)
                {
                    // Within ~300 m of each boundary: the two source boundaries are digitised independently.
                    Assert.True(synthesis.County(id).Boundary.Distance(checkpoint.Geometry) < 0.003, $"{Id(checkpoint)} is off the {id} border");
                }
            }
        }
    }

    [Fact]
    public void GeoJsonRoundTripsPolygonsWithHoles()
    {
        var f = GeoJson.Factory;
        var shell = f.CreateLinearRing([new(115, 36), new(115, 37), new(116, 37), new(116, 36), new(115, 36)]);
        var hole = f.CreateLinearRing([new(115.2, 36.2), new(115.4, 36.2), new(115.4, 36.4), new(115.2, 36.4), new(115.2, 36.2)]);
        var withHole = f.CreatePolygon(shell, [hole]);
        var multi = f.CreateMultiPolygon([withHole, (Polygon)f.ToGeometry(new Envelope(116.5, 116.75, 36.5, 36.75))]);
        var features = new[]
        {
            new GeoJsonFeature(new JsonObject { ["id"] = "a", ["name"] = "冠县" }, withHole),
            new GeoJsonFeature(new JsonObject { ["id"] = "b" }, multi),
            new GeoJsonFeature([], f.CreatePoint(new Coordinate(115.1234567, 36.7654321))),
            new GeoJsonFeature([], f.CreateLineString([new(115, 36), new(115.5, 36.25)])),
        };

        using var stream = new MemoryStream();
        GeoJson.WriteFeatureCollection(stream, features, decimals: 6);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        stream.Position = 0;
        var read = GeoJson.ReadFeatures(stream);

        Assert.Contains("\"name\":\"冠县\"", text, StringComparison.Ordinal);
        Assert.Equal(features.Length + 2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(features.Length, read.Count);
        Assert.True(read[0].Geometry.EqualsTopologically(withHole));
        Assert.Equal(1, ((Polygon)read[0].Geometry).NumInteriorRings);
        Assert.True(read[1].Geometry.EqualsTopologically(multi));
        Assert.Equal(new Coordinate(115.123457, 36.765432), read[2].Geometry.Coordinate);
        Assert.IsType<LineString>(read[3].Geometry);
        Assert.Equal("冠县", Text(read[0], "name"));
        Assert.Equal(4326, read[0].Geometry.SRID);

        // RFC 7946: shells counter-clockwise, holes clockwise, whatever the input orientation was.
        var polygon = (Polygon)read[0].Geometry;
        Assert.True(Orientation.IsCCW(polygon.Shell.CoordinateSequence));
        Assert.False(Orientation.IsCCW(polygon.Holes[0].CoordinateSequence));

        var node = GeoJson.ToJsonNode(withHole, decimals: 1);
        Assert.Equal("Polygon", (string?)node["type"]);
        Assert.Equal(2, node["coordinates"]!.AsArray().Count);
    }

    [Fact]
    public void GeoJsonNamesTheFeatureThatIsMalformed()
    {
        const string json = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[115,36]}},
            {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[115,36],[116,36],[116,37]]]}}
            ]}
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var error = Assert.Throws<FormatException>(() => GeoJson.ReadFeatures(stream));
        Assert.Contains("feature 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeoJsonRoundsCoordinatesByTheirExactValue()
    {
        // 116.015625 is a 1/1024° source coordinate sitting exactly on a 5-decimal tie: it goes to even, as the
        // decimal expansion says. A tiny negative value becomes 0, not -0.
        var point = GeoJson.Factory.CreatePoint(new Coordinate(116.015625, -0.000001));
        Assert.Equal("""{"type":"Point","coordinates":[116.01562,0]}""", GeoJson.ToJsonNode(point, decimals: 5).ToJsonString());
    }

    [Fact]
    public void GeoJsonRejectsCoordinatesBeyondTheRangeOfADouble()
    {
        const string json = """{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1e999,36]}}""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var error = Assert.Throws<FormatException>(() => GeoJson.ReadFeatures(stream));
        Assert.Contains("feature 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeoJsonReadsTheFeatureIdOfTheSourceIntoProperties()
    {
        var dongchangfu = synthesis.Counties.Single(c => Text(c, "name") == "东昌府区");
        Assert.Equal("371502", Text(dongchangfu, "id"));
    }

    private IEnumerable<(string ParentId, List<GeoJsonFeature> Children)> Children(string level) =>
        synthesis.Level(level)
            .GroupBy(f => Text(f, "parentId"), StringComparer.Ordinal)
            .Select(g => (g.Key, g.ToList()));

    /// <summary>
    /// Children tile the parent when they cover it (their union matches it, up to snapping) and do not overlap
    /// (their areas add up to the area of their union).
    /// </summary>
    private static void AssertTiles(Geometry parent, List<GeoJsonFeature> children, string parentId, double relativeTolerance)
    {
        var union = OverlayNGRobust.Union(children.Select(c => c.Geometry).ToArray());
        var overlap = children.Sum(c => c.Geometry.Area) - union.Area;
        Assert.True(overlap < OverlapEpsilon, $"children of {parentId} overlap by {overlap} deg²");
        var mismatch = Overlay(union, parent, SpatialFunction.SymDifference).Area / parent.Area;
        Assert.True(mismatch < relativeTolerance, $"children of {parentId} differ from it by {mismatch:P3} of its area");
    }

    private static Geometry Overlay(Geometry a, Geometry b, SpatialFunction function) => OverlayNGRobust.Overlay(a, b, function);

    /// <summary>
    /// The parent grown by one file-grid step. Every unit is snapped to the 1e-5° grid of the files, so where a
    /// lattice line crosses a village edge the grid's corner may sit up to ~0.7e-5° (under a metre) off that edge.
    /// </summary>
    private static IPreparedGeometry Snapped(Geometry parent) => PreparedGeometryFactory.Prepare(parent.Buffer(1e-5));

    private static double AreaKm2(Geometry g) => g.Area * 110.97 * 89.59;

    private static string Id(GeoJsonFeature f) => Text(f, "id");

    private static string Text(GeoJsonFeature f, string property) =>
        (string?)f.Properties[property] ?? throw new InvalidOperationException($"feature has no {property}");

    /// <summary>
    /// The repository's maps folder. The build also copies maps/*.geojson next to the binaries, so the walk up
    /// prefers a folder that is the repository root (has Directory.Build.props): the committed files are the ones
    /// under test, not a copy from the last build.
    /// </summary>
    private static string FindMapsDirectory()
    {
        string? fallback = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var maps = Path.Combine(dir.FullName, "maps");
            if (!File.Exists(Path.Combine(maps, MapSynthesizer.CountiesFileName)))
            {
                continue;
            }

            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                return maps;
            }

            fallback ??= maps;
        }

        return fallback ?? throw new DirectoryNotFoundException($"No maps/{MapSynthesizer.CountiesFileName} above {AppContext.BaseDirectory}");
    }
}
