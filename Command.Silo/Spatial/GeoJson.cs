using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Command.Silo.Spatial;

/// <summary>
/// Minimal GeoJSON (RFC 7946) reader and writer over System.Text.Json. The NetTopologySuite GeoJSON package is
/// not available to this project, and the map files only need the geometry types listed on each method.
/// </summary>
public static class GeoJson
{
    /// <summary>
    /// Shared by every geometry the map code builds, so that overlay operations never mix factories or SRIDs.
    /// Floating precision: callers that need a fixed grid snap explicitly, because only they know the scale.
    /// </summary>
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    private const int MaxDecimals = 15;

    // Relaxed escaping keeps Chinese names readable in the committed files and in diffs; the output is a data
    // file, never embedded in HTML, so the HTML-safety of the default encoder buys nothing.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    private static readonly string[] FixedFormats =
        Enumerable.Range(0, MaxDecimals + 1).Select(d => "F" + d.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// Reads a FeatureCollection (or a single Feature). Supports Point, MultiPoint, LineString, MultiLineString,
    /// Polygon and MultiPolygon (with holes) and GeometryCollection. A feature-level "id" is copied into the
    /// properties as "id" when the properties have none, so callers find identifiers in one place.
    /// </summary>
    /// <exception cref="FormatException">The JSON is malformed or a feature is not valid GeoJSON; the message
    /// names the zero-based feature index.</exception>
    public static IReadOnlyList<GeoJsonFeature> ReadFeatures(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"GeoJSON is not valid JSON: {e.Message}", e);
        }

        if (root is not JsonObject rootObject)
        {
            throw new FormatException("GeoJSON root must be an object.");
        }

        var rootType = RequireString(rootObject, "type", "GeoJSON root");
        if (rootType == "Feature")
        {
            return [ReadFeatureAt(rootObject, 0)];
        }

        if (rootType != "FeatureCollection")
        {
            throw new FormatException($"GeoJSON root type must be FeatureCollection or Feature, not '{rootType}'.");
        }

        if (rootObject["features"] is not JsonArray features)
        {
            throw new FormatException("FeatureCollection has no 'features' array.");
        }

        var result = new List<GeoJsonFeature>(features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            result.Add(ReadFeatureAt(features[i], i));
        }

        return result;
    }

    /// <summary>
    /// Writes a geometry object. Coordinates are rounded to <paramref name="decimals"/> places and written
    /// without trailing zeros; polygon shells are written counter-clockwise and holes clockwise (RFC 7946).
    /// </summary>
    public static void WriteGeometry(Utf8JsonWriter w, Geometry g, int decimals = 6)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(g);
        CheckDecimals(decimals);
        WriteGeometryCore(w, g, FixedFormats[decimals]);
    }

    /// <summary>The same JSON <see cref="WriteGeometry"/> produces, as a node (for embedding in API responses).</summary>
    public static JsonNode ToJsonNode(Geometry g, int decimals = 6)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteGeometry(w, g, decimals);
        }

        // Parsing our own output keeps the node's numbers textually identical to the file format.
        return JsonNode.Parse(buffer.WrittenSpan)!;
    }

    /// <summary>
    /// Writes a FeatureCollection with one feature per line (LF line ends), properties in their insertion order.
    /// The same features always give byte-identical output, so generated files diff cleanly.
    /// </summary>
    public static void WriteFeatureCollection(Stream s, IEnumerable<GeoJsonFeature> features, int decimals)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(features);
        CheckDecimals(decimals);
        var format = FixedFormats[decimals];
        var buffer = new ArrayBufferWriter<byte>();
        using var w = new Utf8JsonWriter(buffer, WriterOptions);
        s.Write("{\"type\":\"FeatureCollection\",\"features\":["u8);
        var first = true;
        foreach (var feature in features)
        {
            s.Write(first ? "\n"u8 : ",\n"u8);
            first = false;
            buffer.ResetWrittenCount();
            w.Reset(buffer);
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WritePropertyName("properties");
            feature.Properties.WriteTo(w);
            w.WritePropertyName("geometry");
            WriteGeometryCore(w, feature.Geometry, format);
            w.WriteEndObject();
            w.Flush();
            s.Write(buffer.WrittenSpan);
        }

        s.Write("\n]}\n"u8);
    }

    private static GeoJsonFeature ReadFeatureAt(JsonNode? node, int index)
    {
        try
        {
            return ReadFeature(node);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"GeoJSON feature {index}: {e.Message}", e);
        }
    }

    private static GeoJsonFeature ReadFeature(JsonNode? node)
    {
        if (node is not JsonObject feature)
        {
            throw new FormatException("feature must be an object.");
        }

        var type = RequireString(feature, "type", "feature");
        if (type != "Feature")
        {
            throw new FormatException($"type must be 'Feature', not '{type}'.");
        }

        var properties = feature["properties"] switch
        {
            null => [],
            JsonObject o => (JsonObject)o.DeepClone(),
            _ => throw new FormatException("'properties' must be an object or null."),
        };
        if (feature["id"] is JsonValue id && !properties.ContainsKey("id"))
        {
            properties["id"] = id.DeepClone();
        }

        var geometry = ReadGeometry(feature["geometry"]);
        return new GeoJsonFeature(properties, geometry);
    }

    private static Geometry ReadGeometry(JsonNode? node)
    {
        if (node is not JsonObject g)
        {
            throw new FormatException("'geometry' must be an object.");
        }

        var type = RequireString(g, "type", "geometry");
        if (type == "GeometryCollection")
        {
            if (g["geometries"] is not JsonArray members)
            {
                throw new FormatException("GeometryCollection has no 'geometries' array.");
            }

            return Factory.CreateGeometryCollection(members.Select(ReadGeometry).ToArray());
        }

        var coordinates = g["coordinates"];
        return type switch
        {
            "Point" => Factory.CreatePoint(ReadPosition(coordinates, "Point")),
            "MultiPoint" => Factory.CreateMultiPointFromCoords(
                RequireArray(coordinates, "MultiPoint").Select(p => ReadPosition(p, "MultiPoint")).ToArray()),
            "LineString" => ReadLineString(coordinates, "LineString"),
            "MultiLineString" => Factory.CreateMultiLineString(RequireArray(coordinates, "MultiLineString")
                .Select((l, i) => ReadLineString(l, $"MultiLineString part {i}")).ToArray()),
            "Polygon" => ReadPolygon(coordinates, "Polygon"),
            "MultiPolygon" => Factory.CreateMultiPolygon(RequireArray(coordinates, "MultiPolygon")
                .Select((p, i) => ReadPolygon(p, $"MultiPolygon part {i}")).ToArray()),
            _ => throw new FormatException($"unsupported geometry type '{type}'."),
        };
    }

    private static LineString ReadLineString(JsonNode? node, string what)
    {
        var positions = ReadPositions(node, what);
        if (positions.Length < 2)
        {
            throw new FormatException($"{what} has {positions.Length} positions; a line needs at least 2.");
        }

        return Factory.CreateLineString(positions);
    }

    private static Polygon ReadPolygon(JsonNode? node, string what)
    {
        var rings = RequireArray(node, what);
        if (rings.Count == 0)
        {
            return Factory.CreatePolygon();
        }

        var linearRings = new LinearRing[rings.Count];
        for (var i = 0; i < rings.Count; i++)
        {
            var ringName = $"{what} ring {i}";
            var positions = ReadPositions(rings[i], ringName);
            if (positions.Length < 4)
            {
                throw new FormatException($"{ringName} has {positions.Length} positions; a linear ring needs at least 4.");
            }

            if (!positions[0].Equals2D(positions[^1]))
            {
                throw new FormatException($"{ringName} is not closed (first and last positions differ).");
            }

            linearRings[i] = Factory.CreateLinearRing(positions);
        }

        return Factory.CreatePolygon(linearRings[0], linearRings[1..]);
    }

    private static Coordinate[] ReadPositions(JsonNode? node, string what)
    {
        var array = RequireArray(node, what);
        var positions = new Coordinate[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            positions[i] = ReadPosition(array[i], what);
        }

        return positions;
    }

    private static Coordinate ReadPosition(JsonNode? node, string what)
    {
        // Altitude, when present, is dropped: every consumer of these maps works in two dimensions.
        if (node is not JsonArray position || position.Count < 2)
        {
            throw new FormatException($"{what} has a position that is not an array of at least two numbers.");
        }

        return new Coordinate(ReadNumber(position[0], what), ReadNumber(position[1], what));
    }

    private static double ReadNumber(JsonNode? node, string what)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && value.TryGetValue<double>(out var number) && double.IsFinite(number))
        {
            return number;
        }

        throw new FormatException($"{what} has a coordinate that is not a finite number.");
    }

    private static JsonArray RequireArray(JsonNode? node, string what) =>
        node as JsonArray ?? throw new FormatException($"{what} coordinates must be an array.");

    private static string RequireString(JsonObject o, string name, string what)
    {
        if (o[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        throw new FormatException($"{what} has no string '{name}'.");
    }

    private static void CheckDecimals(int decimals)
    {
        if (decimals is < 0 or > MaxDecimals)
        {
            throw new ArgumentOutOfRangeException(nameof(decimals), decimals, $"must be between 0 and {MaxDecimals}");
        }
    }

    private static void WriteGeometryCore(Utf8JsonWriter w, Geometry g, string format)
    {
        w.WriteStartObject();
        // A LinearRing is a LineString to GeoJSON; NTS would name it "LinearRing".
        w.WriteString("type", g is LineString ? "LineString" : g.GeometryType);
        switch (g)
        {
            case Point p:
                w.WritePropertyName("coordinates");
                if (p.IsEmpty)
                {
                    w.WriteStartArray();
                    w.WriteEndArray();
                }
                else
                {
                    WritePosition(w, p.CoordinateSequence, 0, format);
                }

                break;
            case LineString l:
                w.WritePropertyName("coordinates");
                WriteSequence(w, l.CoordinateSequence, reverse: false, format);
                break;
            case Polygon polygon:
                w.WritePropertyName("coordinates");
                WritePolygonRings(w, polygon, format);
                break;
            case MultiPoint mp:
                w.WritePropertyName("coordinates");
                w.WriteStartArray();
                foreach (var part in mp.Geometries)
                {
                    WritePosition(w, ((Point)part).CoordinateSequence, 0, format);
                }

                w.WriteEndArray();
                break;
            case MultiLineString ml:
                w.WritePropertyName("coordinates");
                w.WriteStartArray();
                foreach (var part in ml.Geometries)
                {
                    WriteSequence(w, ((LineString)part).CoordinateSequence, reverse: false, format);
                }

                w.WriteEndArray();
                break;
            case MultiPolygon mpoly:
                w.WritePropertyName("coordinates");
                w.WriteStartArray();
                foreach (var part in mpoly.Geometries)
                {
                    WritePolygonRings(w, (Polygon)part, format);
                }

                w.WriteEndArray();
                break;
            case GeometryCollection collection:
                w.WritePropertyName("geometries");
                w.WriteStartArray();
                foreach (var part in collection.Geometries)
                {
                    WriteGeometryCore(w, part, format);
                }

                w.WriteEndArray();
                break;
            default:
                throw new NotSupportedException($"Cannot write geometry type {g.GeometryType} as GeoJSON.");
        }

        w.WriteEndObject();
    }

    private static void WritePolygonRings(Utf8JsonWriter w, Polygon polygon, string format)
    {
        w.WriteStartArray();
        if (!polygon.IsEmpty)
        {
            WriteRing(w, polygon.Shell, counterClockwise: true, format);
            foreach (var hole in polygon.Holes)
            {
                WriteRing(w, hole, counterClockwise: false, format);
            }
        }

        w.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter w, LinearRing ring, bool counterClockwise, string format)
    {
        var sequence = ring.CoordinateSequence;
        var reverse = sequence.Count >= 4 && Orientation.IsCCW(sequence) != counterClockwise;
        WriteSequence(w, sequence, reverse, format);
    }

    private static void WriteSequence(Utf8JsonWriter w, CoordinateSequence sequence, bool reverse, string format)
    {
        w.WriteStartArray();
        var count = sequence.Count;
        for (var i = 0; i < count; i++)
        {
            WritePosition(w, sequence, reverse ? count - 1 - i : i, format);
        }

        w.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter w, CoordinateSequence sequence, int index, string format)
    {
        w.WriteStartArray();
        WriteNumber(w, sequence.GetX(index), format);
        WriteNumber(w, sequence.GetY(index), format);
        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, double value, string format)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("GeoJSON coordinates must be finite numbers.", nameof(value));
        }

        // Fixed-point formatting is exact in .NET, so the same double always gives the same text on every
        // platform; trimming zeros keeps files small without changing the value.
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        if (text.Contains('.'))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        if (text == "-0")
        {
            text = "0";
        }

        w.WriteRawValue(text, skipInputValidation: true);
    }
}
