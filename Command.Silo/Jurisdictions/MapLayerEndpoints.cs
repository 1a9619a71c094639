using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Runtime;
using Command.Silo.Access;
using Command.Silo.Spatial;
using NetTopologySuite.Geometries;

namespace Command.Silo.Jurisdictions;

/// <summary>
/// Map layers for the web console: one level's boundaries as a single FeatureCollection (about 4,300 jurisdictions
/// exist, so the console asks per level, per parent or per view box instead of per id), and the cameras and
/// checkpoints. What a caller sees depends on their jurisdiction, so a browser keeps an answer only to revalidate it
/// (<see cref="ScopedRevalidation"/>): the next user of the same browser never gets the last one's county.
/// </summary>
public static class MapLayerEndpoints
{
    private const int Decimals = 5;
    private const string GeoJsonType = "application/geo+json";

    private static readonly JsonWriterOptions writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEndpointRouteBuilder MapMapLayers(this IEndpointRouteBuilder app)
    {
        var layers = app.MapGroup("/api/map").WithTags("Map layers").RequireAuthorization(AccessPolicies.ReadMap);

        layers.MapGet("/boundaries", (string? level, string? parentId, string? bbox, string? shape, Caller caller, AccessScope scope, JurisdictionMap map, HttpContext http) =>
        {
            var wanted = ParseLevel(level);
            var box = ParseBox(bbox);
            bool labelsOnly = shape switch
            {
                null or "polygon" => false,
                "label" => true,
                _ => throw CommandRejectedException.Invalid("图形只能是区域或标注。"),
            };
            if (ScopedRevalidation.IsCurrent(http, caller.JurisdictionId, "boundaries", ScopedRevalidation.Fingerprint(map), wanted.ToString(), parentId,
                    box is null ? null : string.Create(CultureInfo.InvariantCulture, $"{box.MinX},{box.MinY},{box.MaxX},{box.MaxY}"), labelsOnly ? "label" : "polygon"))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            var features = map.All
                .Where(j => j.Level == wanted)
                .Where(j => scope.ShowsOnMap(caller, j.Id))
                .Where(j => parentId is null || j.ParentId == parentId)
                .Where(j => box is null || box.Intersects(j.Boundary.EnvelopeInternal))
                .OrderBy(j => j.Id, StringComparer.Ordinal);
            return Results.Bytes(Write(features, labelsOnly), GeoJsonType);
        }).WithSummary("One level's boundaries (or label points) as a GeoJSON FeatureCollection, optionally one parent's or one view box's");

        layers.MapGet("/assets", (Caller caller, AccessScope scope, JurisdictionMap map, HttpContext http) =>
        {
            var (assets, fingerprint) = Assets(map);
            if (ScopedRevalidation.IsCurrent(http, caller.JurisdictionId, "assets", fingerprint, ScopedRevalidation.Fingerprint(map)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            var visible = new JsonArray([.. assets.Where(a => a.JurisdictionId is { } j && scope.Covers(caller, j)).Select(a => a.Feature.DeepClone())]);
            return Results.Text(new JsonObject { ["type"] = "FeatureCollection", ["features"] = visible }.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
                GeoJsonType);
        }).WithSummary("Video cameras (视频监控) and checkpoints (治安卡点) as a GeoJSON FeatureCollection");

        return app;
    }

    private static readonly ConcurrentDictionary<string, (IReadOnlyList<(string? JurisdictionId, JsonNode Feature)> Features, string Fingerprint)> assetCache = new();

    /// <summary>Cameras and checkpoints are security assets: each caller gets those in their own jurisdiction. The
    /// fingerprint is the file's hash.</summary>
    private static (IReadOnlyList<(string? JurisdictionId, JsonNode Feature)> Features, string Fingerprint) Assets(JurisdictionMap map) =>
        assetCache.GetOrAdd(map.SourceDirectory ?? "", directory =>
        {
            string path = Path.Combine(directory, "liaocheng-assets.geojson");
            if (directory.Length == 0 || !File.Exists(path))
            {
                return ([], "none");
            }
            byte[] file = File.ReadAllBytes(path);
            var features = JsonNode.Parse(file)?["features"]?.AsArray() ?? [];
            return ([.. features.OfType<JsonNode>().Select(f => (f["properties"]?["jurisdictionId"]?.GetValue<string>(), f))],
                Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(file)));
        });

    private static JurisdictionLevel ParseLevel(string? level) =>
        level is not null && level.All(char.IsAsciiLetter) && Enum.TryParse<JurisdictionLevel>(level, ignoreCase: true, out var l) ? l
            : throw CommandRejectedException.Invalid("必须选择层级：市、县、乡镇（街道）、村（社区）或网格。");

    private static Envelope? ParseBox(string? bbox)
    {
        if (bbox is null)
        {
            return null;
        }
        var parts = bbox.Split(',');
        var numbers = new double[4];
        bool valid = parts.Length == 4 && parts.Select((p, i) =>
            double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).All(ok => ok);
        return valid && numbers[0] <= numbers[2] && numbers[1] <= numbers[3]
            ? new Envelope(numbers[0], numbers[2], numbers[1], numbers[3])
            : throw CommandRejectedException.Invalid("范围应写成“最小经度,最小纬度,最大经度,最大纬度”四个数。");
    }

    /// <summary>The feature id is written at feature level too, so that a map client merging overlapping answers
    /// (one per view box) keeps one copy of each jurisdiction.</summary>
    private static byte[] Write(IEnumerable<JurisdictionInfo> jurisdictions, bool labelsOnly)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, writerOptions))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var j in jurisdictions)
            {
                // The interior point lies inside the polygon even for a crescent, so a label never floats outside.
                var label = j.Boundary.InteriorPoint;
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteString("id", j.Id);
                w.WriteStartObject("properties");
                w.WriteString("id", j.Id);
                w.WriteString("name", j.Name);
                w.WriteString("level", JsonNamingPolicy.CamelCase.ConvertName(j.Level.ToString()));
                w.WriteString("parentId", j.ParentId);
                w.WriteBoolean("synthetic", j.Synthetic);
                w.WriteNumber("labelLon", Math.Round(label.X, Decimals));
                w.WriteNumber("labelLat", Math.Round(label.Y, Decimals));
                w.WriteEndObject();
                w.WritePropertyName("geometry");
                GeoJson.WriteGeometry(w, labelsOnly ? label : j.Boundary, Decimals);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
