using System.Text.Json.Nodes;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Silo.Jurisdictions.Synthesis;
using Command.Silo.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Distance;

namespace Command.Silo.Jurisdictions;

/// <summary>
/// The jurisdiction tree with boundaries, loaded once from maps/. Point-in-polygon runs against prepared geometries
/// found through an STRtree, so placing a call costs a few envelope tests and one or two exact tests.
/// </summary>
public sealed class JurisdictionMap
{
    public const string CityId = "371500";

    private readonly Dictionary<string, JurisdictionInfo> byId = new(StringComparer.Ordinal);
    private readonly STRtree<JurisdictionInfo> index = new();

    public JurisdictionMap(IEnumerable<JurisdictionInfo> jurisdictions)
    {
        foreach (var info in jurisdictions)
        {
            if (!byId.TryAdd(info.Id, info))
            {
                throw new InvalidDataException($"Jurisdiction id {info.Id} appears twice in the map data.");
            }
            index.Insert(info.Boundary.EnvelopeInternal, info);
        }
        foreach (var info in byId.Values)
        {
            if (info.ParentId is { } parentId)
            {
                (byId.GetValueOrDefault(parentId) ?? throw new InvalidDataException($"{info.Id} names an unknown parent {parentId}."))
                    .ChildIds.Add(info.Id);
            }
        }
        index.Build();
    }

    public IReadOnlyCollection<JurisdictionInfo> All => byId.Values;

    /// <summary>The maps/ folder it was loaded from, where the other layers (cameras, checkpoints) live.</summary>
    public string? SourceDirectory { get; private init; }

    public JurisdictionInfo? Find(string id) => byId.GetValueOrDefault(id);

    public IEnumerable<JurisdictionInfo> Counties => byId.Values.Where(j => j.Level == JurisdictionLevel.County);

    /// <summary>The chain from the city down to <paramref name="id"/>.</summary>
    public IReadOnlyList<JurisdictionInfo> ChainOf(string id)
    {
        var chain = new List<JurisdictionInfo>();
        for (var node = Find(id); node is not null; node = node.ParentId is null ? null : Find(node.ParentId))
        {
            chain.Add(node);
        }
        chain.Reverse();
        return chain;
    }

    /// <summary>Whether <paramref name="id"/> is <paramref name="ancestorId"/> or lies below it. Called on every scoped
    /// read, so it walks up without building the chain.</summary>
    public bool IsWithin(string id, string ancestorId)
    {
        for (var node = Find(id); node is not null; node = node.ParentId is null ? null : Find(node.ParentId))
        {
            if (node.Id == ancestorId)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The deepest jurisdiction containing the point; outside every boundary, the nearest one, flagged.</summary>
    public Placement Locate(double lon, double lat)
    {
        var point = GeoJson.Factory.CreatePoint(new Coordinate(lon, lat));
        JurisdictionInfo? deepest = null;
        foreach (var candidate in index.Query(point.EnvelopeInternal))
        {
            if ((deepest is null || candidate.Level > deepest.Level) && candidate.Prepared.Covers(point))
            {
                deepest = candidate;
            }
        }
        if (deepest is not null)
        {
            return new Placement(deepest, ChainOf(deepest.Id), false, null);
        }

        var nearest = byId.Values.Where(j => j.Level == JurisdictionLevel.County).MinBy(j => j.Boundary.Distance(point))!;
        // Descend to the deepest jurisdiction nearest to the point, so an out-of-area call still lands in a grid.
        while (nearest.ChildIds.Count > 0)
        {
            nearest = nearest.ChildIds.Select(id => byId[id]).MinBy(j => j.Boundary.Distance(point))!;
        }
        var closest = DistanceOp.NearestPoints(nearest.Boundary, point)[0];
        return new Placement(nearest, ChainOf(nearest.Id), true, GeoMath.DistanceMeters(lon, lat, closest.X, closest.Y));
    }

    public IncidentPlacement ToIncidentPlacement(Placement placement) => new(
        placement.Jurisdiction.Id,
        [.. placement.Chain.Select(j => new JurisdictionRef(j.Id, j.Name, j.Level))],
        placement.OutsideBoundary,
        placement.DistanceMeters);

    /// <summary>Loads the real city and county boundaries and the synthetic levels below them.</summary>
    public static JurisdictionMap Load(string mapsDirectory)
    {
        var nodes = new List<JurisdictionInfo>();
        var outline = Read(mapsDirectory, "liaocheng-outline.geojson").Single();
        nodes.Add(new JurisdictionInfo(CityId, "聊城市", JurisdictionLevel.City, null, false, outline.Geometry));
        foreach (var county in Read(mapsDirectory, "liaocheng.geojson"))
        {
            string name = Text(county.Properties, "name");
            string id = MapSynthesizer.CountyIdsByName.TryGetValue(name, out var code) ? code
                : throw new InvalidDataException($"County {name} has no administrative code.");
            nodes.Add(new JurisdictionInfo(id, name, JurisdictionLevel.County, CityId, false, county.Geometry));
        }
        foreach (var feature in Read(mapsDirectory, "liaocheng-synthetic.geojson"))
        {
            var level = Enum.Parse<JurisdictionLevel>(Text(feature.Properties, "level"), ignoreCase: true);
            nodes.Add(new JurisdictionInfo(Text(feature.Properties, "id"), Text(feature.Properties, "name"), level,
                Text(feature.Properties, "parentId"), synthetic: true, feature.Geometry));
        }
        return new JurisdictionMap(nodes) { SourceDirectory = mapsDirectory };
    }

    public static string FindMapsDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new System.IO.DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "maps");
                if (File.Exists(Path.Combine(candidate, "liaocheng.geojson")))
                {
                    return candidate;
                }
            }
        }
        throw new System.IO.DirectoryNotFoundException("No maps/ folder with liaocheng.geojson was found beside the program or above it.");
    }

    private static IReadOnlyList<GeoJsonFeature> Read(string directory, string file)
    {
        using var stream = File.OpenRead(Path.Combine(directory, file));
        return GeoJson.ReadFeatures(stream);
    }

    private static string Text(JsonObject properties, string name) =>
        properties[name]?.GetValue<string>() ?? throw new InvalidDataException($"A map feature lacks '{name}'.");
}
