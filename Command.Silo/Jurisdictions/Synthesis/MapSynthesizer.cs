using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json.Nodes;
using Command.Silo.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.LinearReferencing;
using NetTopologySuite.Operation.Linemerge;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Precision;
using NetTopologySuite.Triangulate;

namespace Command.Silo.Jurisdictions.Synthesis;

/// <summary>
/// Derives the SYNTHETIC jurisdictions below county level (township, village, grid) and the synthetic assets
/// (cameras, checkpoints) from the real county boundaries of 聊城. None of it is official data: it exists so
/// the dispatch system has a plausible, stable hierarchy to route and display.
/// </summary>
/// <remarks>
/// Everything is a pure function of the county file: every random choice comes from a <see cref="Random"/>
/// seeded by a stable hash of an id, and every overlay snaps to the 5-decimal grid the files are written in,
/// so the in-memory result is exactly what is written and re-running the generator reproduces the files byte
/// for byte. Changing any constant or the order of random draws here changes the committed files.
/// </remarks>
public static class MapSynthesizer
{
    public const string CityId = "371500";
    public const string CityName = "聊城市";
    public const string CountiesFileName = "liaocheng.geojson";
    public const string OutlineFileName = "liaocheng-outline.geojson";
    public const string SyntheticFileName = "liaocheng-synthetic.geojson";
    public const string AssetsFileName = "liaocheng-assets.geojson";

    /// <summary>Decimal places of the generated files (about 1 m), and the grid every overlay snaps to.</summary>
    public const int FileDecimals = 5;

    /// <summary>
    /// Grid lattice: cells of 0.025° lon × 0.02° lat (about 2.2 km × 2.2 km at 36.5°N). The origin is offset
    /// from 115°E 36°N so that no lattice line falls on a coordinate with two decimals (lines lie at x.xxx25/75°E
    /// and x.xx5°N): hand-written tests and demo incidents use such coordinates, and a point on a line would lie
    /// in two grids.
    /// </summary>
    public const double GridOriginLon = 115.0125;
    public const double GridOriginLat = 36.005;
    public const double GridCellLon = 0.025;
    public const double GridCellLat = 0.02;

    /// <summary>Grid pieces smaller than this are merged into a neighbouring grid of the same village.</summary>
    public const double MinGridAreaKm2 = 0.05;

    // Fixed scale factors at 36.5°N instead of Math.Cos: libm results may differ between platforms in the last
    // bit, and these numbers only steer thresholds and spacing, where a fraction of a percent does not matter.
    internal const double KmPerDegreeLat = 110.97;
    internal const double KmPerDegreeLon = 89.59;

    /// <summary>Real administrative codes, keyed by the county names used in the source file.</summary>
    /// <remarks>茌平县 became 茌平区 (371503) in 2019; the source keeps the old name, and so do we, with its old code.</remarks>
    public static IReadOnlyDictionary<string, string> CountyIdsByName { get; } =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["东昌府区"] = "371502",
            ["阳谷县"] = "371521",
            ["莘县"] = "371522",
            ["茌平县"] = "371523",
            ["东阿县"] = "371524",
            ["冠县"] = "371525",
            ["高唐县"] = "371526",
            ["临清市"] = "371581",
        });

    private const int LloydSteps = 2;

    private static readonly PrecisionModel FilePrecision = new(100_000d);

    private static readonly (string Name, double X, double Y)[] Directions =
        [("东", 1, 0), ("西", -1, 0), ("南", 0, -1), ("北", 0, 1)];

    private static readonly string[] PlainTownshipSyllables = ["新", "兴", "安", "和", "平", "顺", "丰", "清", "永"];

    private static readonly string[] Surnames =
    [
        "张", "王", "李", "赵", "刘", "陈", "杨", "孙", "周", "吴", "徐", "马", "朱", "胡", "郭", "高", "林", "郑", "梁", "宋",
        "许", "韩", "冯", "曹", "田", "董", "袁", "于", "杜", "魏", "吕", "丁", "任", "姜", "崔", "范", "石", "贾", "孟", "侯",
    ];

    private static readonly string[] VillageSuffixes = ["庄", "楼", "屯", "集", "寨", "营", "店", "堂", "口", "湾"];

    /// <summary>Reads the real county boundaries, regenerates both synthetic files and writes them.</summary>
    public static void WriteFiles(string mapsDirectory)
    {
        var counties = ReadCounties(mapsDirectory);
        var jurisdictions = Synthesize(counties);
        var assets = SynthesizeAssets(counties, jurisdictions);
        File.WriteAllBytes(Path.Combine(mapsDirectory, SyntheticFileName), Serialize(jurisdictions));
        File.WriteAllBytes(Path.Combine(mapsDirectory, AssetsFileName), Serialize(assets));
    }

    public static IReadOnlyList<GeoJsonFeature> ReadCounties(string mapsDirectory)
    {
        using var stream = File.OpenRead(Path.Combine(mapsDirectory, CountiesFileName));
        return GeoJson.ReadFeatures(stream);
    }

    /// <summary>The exact bytes <see cref="WriteFiles"/> writes for these features.</summary>
    public static byte[] Serialize(IEnumerable<GeoJsonFeature> features)
    {
        using var buffer = new MemoryStream();
        GeoJson.WriteFeatureCollection(buffer, features, FileDecimals);
        return buffer.ToArray();
    }

    /// <summary>
    /// Townships, then villages, then grids, each level ordered by id; every feature has the properties
    /// id, name, level, parentId and synthetic = true. Each level tiles its parent.
    /// </summary>
    public static IReadOnlyList<GeoJsonFeature> Synthesize(IReadOnlyList<GeoJsonFeature> counties)
    {
        var townships = new List<GeoJsonFeature>();
        var villages = new List<GeoJsonFeature>();
        var grids = new List<GeoJsonFeature>();
        foreach (var county in PrepareCounties(counties))
        {
            var rng = new Random(StableSeed(county.Id));
            var count = rng.Next(6, 11);
            var seeds = SampleSeeds(rng, county.Geometry, count, county.Seat);
            var cells = RelaxedVoronoi(seeds, county.Geometry, county.Id, pinFirst: seeds[0].Equals2D(county.Seat));
            var names = NameTownships(county, cells, rng);

            // Village names are unique across the county, not only the township, so a name alone is enough for
            // a dispatcher who already knows the county.
            var usedVillageNames = new HashSet<string>(StringComparer.Ordinal);
            for (var t = 0; t < cells.Length; t++)
            {
                var townshipId = $"{county.Id}-t{t + 1:D2}";
                var isSubdistrict = t == 0;
                townships.Add(Jurisdiction(townshipId, names[t], "township", county.Id, cells[t]));
                SynthesizeVillages(townshipId, isSubdistrict, cells[t], seeds[t], usedVillageNames, villages, grids);
            }
        }

        return [.. townships, .. villages, .. grids];
    }

    /// <summary>
    /// Cameras (视频监控, ids cam-NNNN) inside each county, attributed to the township containing them, and
    /// checkpoints (治安卡点, ids cp-NNN) on the shared border of each pair of neighbouring counties.
    /// </summary>
    public static IReadOnlyList<GeoJsonFeature> SynthesizeAssets(
        IReadOnlyList<GeoJsonFeature> counties, IReadOnlyList<GeoJsonFeature> jurisdictions)
    {
        var prepared = PrepareCounties(counties);
        var townshipsByCounty = jurisdictions
            .Where(f => (string?)f.Properties["level"] == "township")
            .GroupBy(f => (string)f.Properties["parentId"]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var assets = new List<GeoJsonFeature>();
        var cameraNumber = 0;
        foreach (var county in prepared)
        {
            var townships = townshipsByCounty.GetValueOrDefault(county.Id)
                ?? throw new InvalidOperationException($"No townships were synthesized for county {county.Id}.");
            foreach (var camera in PlaceCameras(county, townships))
            {
                cameraNumber++;
                assets.Add(Asset($"cam-{cameraNumber:D4}", "camera", camera.Name, camera.JurisdictionId, camera.Location));
            }
        }

        var checkpointNumber = 0;
        for (var i = 0; i < prepared.Count; i++)
        {
            for (var j = i + 1; j < prepared.Count; j++)
            {
                foreach (var checkpoint in PlaceCheckpoints(prepared[i], prepared[j]))
                {
                    checkpointNumber++;
                    assets.Add(Asset($"cp-{checkpointNumber:D3}", "checkpoint", checkpoint.Name, checkpoint.JurisdictionId, checkpoint.Location));
                }
            }
        }

        return assets;
    }

    private static void SynthesizeVillages(
        string townshipId,
        bool isSubdistrict,
        Geometry township,
        Coordinate townshipSeed,
        HashSet<string> usedNames,
        List<GeoJsonFeature> villages,
        List<GeoJsonFeature> grids)
    {
        var rng = new Random(StableSeed(townshipId));
        var count = rng.Next(4, 9);

        // Seeding the first village at the township's own seed puts village 01 around the township seat, which
        // is where a 街道 has its 社区.
        var seeds = SampleSeeds(rng, township, count, townshipSeed);
        var cells = RelaxedVoronoi(seeds, township, townshipId, pinFirst: seeds[0].Equals2D(townshipSeed));
        for (var v = 0; v < cells.Length; v++)
        {
            var villageId = $"{townshipId}-v{v + 1:D2}";
            string stem;
            do
            {
                stem = Surnames[rng.Next(Surnames.Length)] + VillageSuffixes[rng.Next(VillageSuffixes.Length)];
            }
            while (!usedNames.Add(stem));

            var name = stem + (isSubdistrict && v == 0 ? "社区" : "村");
            villages.Add(Jurisdiction(villageId, name, "village", townshipId, cells[v]));
            var pieces = GridPieces(cells[v]);
            for (var g = 0; g < pieces.Count; g++)
            {
                grids.Add(Jurisdiction($"{villageId}-g{g + 1:D2}", $"{name}第{g + 1}网格", "grid", villageId, pieces[g]));
            }
        }
    }

    private sealed record County(string Id, string Name, string ShortName, Geometry Geometry, Coordinate Seat);

    private sealed record PlacedAsset(string Name, string JurisdictionId, Point Location);

    private static List<County> PrepareCounties(IReadOnlyList<GeoJsonFeature> counties)
    {
        ArgumentNullException.ThrowIfNull(counties);
        var result = new List<County>(counties.Count);
        foreach (var feature in counties)
        {
            var name = (string?)feature.Properties["name"]
                ?? throw new InvalidDataException("A county feature has no 'name' property.");
            if (!CountyIdsByName.TryGetValue(name, out var id))
            {
                throw new InvalidDataException($"Unknown county '{name}'; known: {string.Join(", ", CountyIdsByName.Keys)}.");
            }

            var geometry = feature.Geometry.IsValid ? feature.Geometry : GeometryFixer.Fix(feature.Geometry);
            geometry = Polygonal(GeometryPrecisionReducer.Reduce(geometry, FilePrecision));
            if (geometry.IsEmpty)
            {
                throw new InvalidDataException($"County '{name}' has no area.");
            }

            result.Add(new County(id, name, ShortName(name), geometry, Seat(feature, geometry)));
        }

        if (result.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != result.Count)
        {
            throw new InvalidDataException("A county appears more than once in the county file.");
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return result;
    }

    // The label point "cp" of the source is at the county seat for most counties; the 城关 township is grown
    // from it so that the seat lands in the 街道.
    private static Coordinate Seat(GeoJsonFeature feature, Geometry county)
    {
        if (feature.Properties["cp"] is JsonArray { Count: >= 2 } cp
            && cp[0] is JsonValue xv && xv.TryGetValue<double>(out var x)
            && cp[1] is JsonValue yv && yv.TryGetValue<double>(out var y))
        {
            var seat = new Coordinate(FilePrecision.MakePrecise(x), FilePrecision.MakePrecise(y));
            if (county.Contains(GeoJson.Factory.CreatePoint(seat)))
            {
                return seat;
            }
        }

        return county.InteriorPoint.Coordinate.Copy();
    }

    // 冠县 → 冠, 东昌府区 → 东昌府, 临清市 → 临清: township names are built on the short form, as real ones are.
    private static string ShortName(string countyName) =>
        countyName.Length > 1 && countyName[^1] is '县' or '区' or '市' ? countyName[..^1] : countyName;

    /// <summary>
    /// Random points inside <paramref name="area"/>, kept apart so that no Voronoi cell is tiny. The spacing
    /// starts at 60 % of the mean cell size and relaxes when the shape leaves no room, so this always ends.
    /// </summary>
    private static List<Coordinate> SampleSeeds(Random rng, Geometry area, int count, Coordinate? first)
    {
        var prepared = PreparedGeometryFactory.Prepare(area);
        var envelope = area.EnvelopeInternal;
        var spacingKm = 0.6 * Math.Sqrt(AreaKm2(area) / count);
        var seeds = new List<Coordinate>(count);
        if (first is not null && prepared.Contains(GeoJson.Factory.CreatePoint(first)))
        {
            seeds.Add(first.Copy());
        }

        var rejected = 0;
        while (seeds.Count < count)
        {
            var candidate = new Coordinate(
                envelope.MinX + (rng.NextDouble() * envelope.Width),
                envelope.MinY + (rng.NextDouble() * envelope.Height));
            if (rejected++ > 200)
            {
                spacingKm *= 0.8;
                rejected = 0;
            }

            if (!prepared.Contains(GeoJson.Factory.CreatePoint(candidate))
                || seeds.Exists(s => DistanceKm(s, candidate) < spacingKm))
            {
                continue;
            }

            seeds.Add(candidate);
            rejected = 0;
        }

        return seeds;
    }

    /// <summary>
    /// Clipped Voronoi cells after a few Lloyd steps (each seed moves to its cell's centroid): raw cells of random
    /// seeds include long wedges that look nothing like real townships. <paramref name="seeds"/> is updated in
    /// place; a pinned first seed (a seat) stays put, and a centroid outside a concave parent is not taken.
    /// </summary>
    private static Geometry[] RelaxedVoronoi(List<Coordinate> seeds, Geometry parent, string parentId, bool pinFirst)
    {
        var prepared = PreparedGeometryFactory.Prepare(parent);
        var cells = ClippedVoronoi(seeds, parent, parentId);
        for (var step = 0; step < LloydSteps; step++)
        {
            for (var i = pinFirst ? 1 : 0; i < seeds.Count; i++)
            {
                var centroid = cells[i].Centroid.Coordinate;
                if (prepared.Contains(GeoJson.Factory.CreatePoint(centroid)))
                {
                    seeds[i] = centroid.Copy();
                }
            }

            cells = ClippedVoronoi(seeds, parent, parentId);
        }

        return cells;
    }

    /// <summary>Voronoi cells of the seeds clipped to the parent, in seed order; together they tile the parent.</summary>
    private static Geometry[] ClippedVoronoi(IReadOnlyList<Coordinate> seeds, Geometry parent, string parentId)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(seeds.ToArray());
        var clip = parent.EnvelopeInternal.Copy();
        clip.ExpandBy(Math.Max(clip.Width, clip.Height) + 0.01);
        builder.ClipEnvelope = clip;
        var diagram = builder.GetDiagram(GeoJson.Factory);

        var cells = new Geometry[seeds.Count];
        foreach (var cell in diagram.Geometries)
        {
            var site = (Coordinate)cell.UserData;
            var index = FindIndex(seeds, site);
            if (index >= 0)
            {
                cells[index] = Intersect(cell, parent);
            }
        }

        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is null || cells[i].IsEmpty)
            {
                throw new InvalidOperationException($"Voronoi cell {i + 1} of {parentId} is empty.");
            }
        }

        return cells;
    }

    private static int FindIndex(IReadOnlyList<Coordinate> seeds, Coordinate site)
    {
        for (var i = 0; i < seeds.Count; i++)
        {
            if (seeds[i].Equals2D(site))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Township 01 is the county's 城关街道. Townships lying clearly east/west/south/north of the county centre get
    /// that direction in their name (at most once each); the others get a neutral syllable in seeded order.
    /// </summary>
    private static string[] NameTownships(County county, Geometry[] cells, Random rng)
    {
        var names = new string[cells.Length];
        names[0] = county.ShortName + "城关街道";
        var centre = county.Geometry.Centroid.Coordinate;
        var minDistanceKm = 0.25 * Math.Sqrt(AreaKm2(county.Geometry));
        var candidates = new List<(double Score, int Township, string Direction)>();
        for (var t = 1; t < cells.Length; t++)
        {
            var c = cells[t].Centroid.Coordinate;
            var dx = (c.X - centre.X) * KmPerDegreeLon;
            var dy = (c.Y - centre.Y) * KmPerDegreeLat;
            var distance = Math.Sqrt((dx * dx) + (dy * dy));
            if (distance < minDistanceKm)
            {
                continue;
            }

            foreach (var (direction, ux, uy) in Directions)
            {
                var cosine = ((dx * ux) + (dy * uy)) / distance;
                if (cosine >= 0.7)
                {
                    candidates.Add((cosine, t, direction));
                }
            }
        }

        var usedSyllables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, township, direction) in candidates
                     .OrderByDescending(c => c.Score).ThenBy(c => c.Township).ThenBy(c => c.Direction, StringComparer.Ordinal))
        {
            if (names[township] is null && !county.ShortName.Contains(direction, StringComparison.Ordinal)
                && usedSyllables.Add(direction))
            {
                names[township] = county.ShortName + direction + "镇";
            }
        }

        // A syllable already in the county name would read oddly (临清 + 清 → 临清清镇), so it is skipped.
        var pool = PlainTownshipSyllables.Where(s => !county.ShortName.Contains(s, StringComparison.Ordinal)).ToArray();
        Shuffle(rng, pool);
        var fallback = Directions.Select(d => d.Name)
            .Where(d => !usedSyllables.Contains(d) && !county.ShortName.Contains(d, StringComparison.Ordinal));
        using var syllables = pool.Concat(fallback).GetEnumerator();
        for (var t = 1; t < names.Length; t++)
        {
            if (names[t] is null)
            {
                if (!syllables.MoveNext())
                {
                    throw new InvalidOperationException($"Ran out of township names for {county.Name}.");
                }

                names[t] = county.ShortName + syllables.Current + "镇";
            }
        }

        return names;
    }

    /// <summary>
    /// The village cut by the fixed lattice, in reading order (north to south, west to east). Pieces under
    /// <see cref="MinGridAreaKm2"/> are merged into the grid they share the longest border with, so the grids
    /// still tile the village; a village never ends up without a grid.
    /// </summary>
    private static List<Geometry> GridPieces(Geometry village)
    {
        var envelope = village.EnvelopeInternal;
        var prepared = PreparedGeometryFactory.Prepare(village);

        // One extra row and column each side: the floor of a division can land one cell off at a cell edge.
        var ix0 = (int)Math.Floor((envelope.MinX - GridOriginLon) / GridCellLon) - 1;
        var ix1 = (int)Math.Floor((envelope.MaxX - GridOriginLon) / GridCellLon) + 1;
        var iy0 = (int)Math.Floor((envelope.MinY - GridOriginLat) / GridCellLat) - 1;
        var iy1 = (int)Math.Floor((envelope.MaxY - GridOriginLat) / GridCellLat) + 1;
        var pieces = new List<Geometry>();
        for (var iy = iy1; iy >= iy0; iy--)
        {
            for (var ix = ix0; ix <= ix1; ix++)
            {
                var cell = LatticeCell(ix, iy);
                if (!prepared.Intersects(cell))
                {
                    continue;
                }

                var piece = prepared.Contains(cell) ? cell : Intersect(cell, village);
                if (!piece.IsEmpty && piece.Area > 0)
                {
                    pieces.Add(piece);
                }
            }
        }

        while (pieces.Count > 1)
        {
            var sliver = pieces.FindIndex(p => AreaKm2(p) < MinGridAreaKm2);
            if (sliver < 0)
            {
                break;
            }

            var target = MergeTarget(pieces, sliver);
            pieces[target] = Polygonal(OverlayNG.Overlay(pieces[target], pieces[sliver], SpatialFunction.Union, FilePrecision));
            pieces.RemoveAt(sliver);
        }

        if (pieces.Count == 0)
        {
            // Cannot happen for a non-empty village, but a grid-less village would break the hierarchy.
            pieces.Add(village);
        }

        return pieces;
    }

    private static int MergeTarget(List<Geometry> pieces, int sliver)
    {
        var best = -1;
        var bestLength = 0.0;
        var largest = -1;
        for (var j = 0; j < pieces.Count; j++)
        {
            if (j == sliver)
            {
                continue;
            }

            if (largest < 0 || pieces[j].Area > pieces[largest].Area)
            {
                largest = j;
            }

            if (!pieces[j].EnvelopeInternal.Intersects(pieces[sliver].EnvelopeInternal))
            {
                continue;
            }

            var shared = OverlayNGRobust.Overlay(pieces[sliver].Boundary, pieces[j].Boundary, SpatialFunction.Intersection).Length;
            if (shared > bestLength)
            {
                best = j;
                bestLength = shared;
            }
        }

        // A sliver touching no other piece (a detached bit of the village) joins the largest grid.
        return best >= 0 ? best : largest;
    }

    private static Polygon LatticeCell(int ix, int iy)
    {
        // Snapped to the file grid so a whole cell and its clipped neighbours share exactly the same edge.
        var x0 = FilePrecision.MakePrecise(GridOriginLon + (ix * GridCellLon));
        var x1 = FilePrecision.MakePrecise(GridOriginLon + ((ix + 1) * GridCellLon));
        var y0 = FilePrecision.MakePrecise(GridOriginLat + (iy * GridCellLat));
        var y1 = FilePrecision.MakePrecise(GridOriginLat + ((iy + 1) * GridCellLat));
        return GeoJson.Factory.CreatePolygon([
            new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0),
        ]);
    }

    /// <summary>
    /// Half the cameras cluster around township centres (where streets are), half are spread over the county.
    /// Each is named after, and belongs to, the township that contains it.
    /// </summary>
    private static List<PlacedAsset> PlaceCameras(County county, List<GeoJsonFeature> townships)
    {
        var rng = new Random(StableSeed("cameras:" + county.Id));
        var count = rng.Next(8, 16);
        var preparedCounty = PreparedGeometryFactory.Prepare(county.Geometry);
        var prepared = townships.Select(t => PreparedGeometryFactory.Prepare(t.Geometry)).ToArray();
        var centres = townships.Select(t => t.Geometry.InteriorPoint.Coordinate).ToArray();
        var perTownship = new int[townships.Count];
        var envelope = county.Geometry.EnvelopeInternal;
        var cameras = new List<PlacedAsset>(count);
        while (cameras.Count < count)
        {
            Coordinate candidate;
            if (rng.NextDouble() < 0.5)
            {
                var centre = centres[rng.Next(centres.Length)];
                candidate = new Coordinate(
                    centre.X + ((rng.NextDouble() - 0.5) * 0.03),
                    centre.Y + ((rng.NextDouble() - 0.5) * 0.024));
            }
            else
            {
                candidate = new Coordinate(
                    envelope.MinX + (rng.NextDouble() * envelope.Width),
                    envelope.MinY + (rng.NextDouble() * envelope.Height));
            }

            var point = GeoJson.Factory.CreatePoint(
                new Coordinate(FilePrecision.MakePrecise(candidate.X), FilePrecision.MakePrecise(candidate.Y)));
            if (!preparedCounty.Contains(point))
            {
                continue;
            }

            var t = Array.FindIndex(prepared, p => p.Contains(point));
            if (t < 0)
            {
                continue;
            }

            perTownship[t]++;
            var township = townships[t];
            cameras.Add(new PlacedAsset(
                $"{(string)township.Properties["name"]!}视频监控{perTownship[t]:D2}",
                (string)township.Properties["id"]!,
                point));
        }

        return cameras;
    }

    /// <summary>
    /// 3–5 checkpoints spread along the border of two counties, on the first county's boundary, alternately
    /// attributed to each county. Counties sharing less than ~2 km of border are not neighbours here.
    /// </summary>
    private static List<PlacedAsset> PlaceCheckpoints(County a, County b)
    {
        // The two source boundaries are digitised independently at 1/1024°, so "shared" means within ~200 m.
        var near = OverlayNGRobust.Overlay(a.Geometry.Boundary, b.Geometry.Buffer(0.002), SpatialFunction.Intersection);
        var merger = new LineMerger();
        merger.Add(near);
        var lines = merger.GetMergedLineStrings().Cast<LineString>().ToArray();
        var border = GeoJson.Factory.CreateMultiLineString(lines);
        var length = border.Length;
        var checkpoints = new List<PlacedAsset>();
        if (length < 0.02)
        {
            return checkpoints;
        }

        var rng = new Random(StableSeed($"checkpoints:{a.Id}-{b.Id}"));
        var count = rng.Next(3, 6);
        var indexed = new LengthIndexedLine(border);
        for (var k = 0; k < count; k++)
        {
            var fraction = (k + 0.5 + ((rng.NextDouble() - 0.5) * 0.5)) / count;
            var at = indexed.ExtractPoint(fraction * length);
            var point = GeoJson.Factory.CreatePoint(new Coordinate(FilePrecision.MakePrecise(at.X), FilePrecision.MakePrecise(at.Y)));
            var owner = k % 2 == 0 ? a : b;
            checkpoints.Add(new PlacedAsset($"{a.Name}—{b.Name}界卡点{k + 1}", owner.Id, point));
        }

        return checkpoints;
    }

    private static GeoJsonFeature Jurisdiction(string id, string name, string level, string parentId, Geometry geometry) =>
        new(
            new JsonObject
            {
                ["id"] = id,
                ["name"] = name,
                ["level"] = level,
                ["parentId"] = parentId,
                ["synthetic"] = true,
            },
            geometry);

    private static GeoJsonFeature Asset(string id, string kind, string name, string jurisdictionId, Point location) =>
        new(
            new JsonObject
            {
                ["id"] = id,
                ["kind"] = kind,
                ["name"] = name,
                ["jurisdictionId"] = jurisdictionId,
                ["synthetic"] = true,
            },
            location);

    /// <summary>Intersection snapped to the file grid: the result is valid and exactly what gets written.</summary>
    private static Geometry Intersect(Geometry a, Geometry b) =>
        Polygonal(OverlayNG.Overlay(a, b, SpatialFunction.Intersection, FilePrecision));

    /// <summary>The polygonal part of an overlay result (touching cells can add stray lines or points).</summary>
    private static Geometry Polygonal(Geometry g)
    {
        var polygons = new List<Polygon>();
        CollectPolygons(g, polygons);
        return polygons.Count switch
        {
            0 => GeoJson.Factory.CreatePolygon(),
            1 => polygons[0],
            _ => GeoJson.Factory.CreateMultiPolygon([.. polygons]),
        };
    }

    private static void CollectPolygons(Geometry g, List<Polygon> into)
    {
        if (g is Polygon polygon)
        {
            if (!polygon.IsEmpty)
            {
                into.Add(polygon);
            }

            return;
        }

        for (var i = 0; g is GeometryCollection && i < g.NumGeometries; i++)
        {
            CollectPolygons(g.GetGeometryN(i), into);
        }
    }

    private static double AreaKm2(Geometry g) => g.Area * KmPerDegreeLat * KmPerDegreeLon;

    private static double DistanceKm(Coordinate p, Coordinate q)
    {
        var dx = (p.X - q.X) * KmPerDegreeLon;
        var dy = (p.Y - q.Y) * KmPerDegreeLat;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    private static void Shuffle<T>(Random rng, T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// FNV-1a of the id's UTF-8 bytes. string.GetHashCode is randomised per process, so it cannot seed anything
    /// that must come out the same on every run. (A seeded System.Random keeps its legacy algorithm precisely so
    /// that seeded sequences stay reproducible.)
    /// </summary>
    internal static int StableSeed(string key)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
