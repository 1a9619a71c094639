using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Command.Silo.Spatial;

/// <summary>
/// GeoJSON (RFC 7946) through NetTopologySuite.IO.GeoJSON4STJ. This class adds only what the library leaves to its
/// callers: coordinates rounded to a fixed number of decimals, one feature per line in written files, properties
/// as a plain <see cref="JsonObject"/>, and errors that name the malformed feature.
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

    // Modifiable attribute tables are the ones backed by a JsonObject, which is what callers get as properties:
    // nothing is converted to CLR values and back, so no property is lost or reformatted.
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Converters =
        {
            new GeoJsonConverterFactory(Factory, writeGeometryBBox: false, GeoJsonConverterFactory.DefaultIdPropertyName,
                RingOrientationOption.EnforceRfc9746, allowModifyingAttributesTables: true),
        },
    };

    private static readonly string[] FixedFormats =
        Enumerable.Range(0, MaxDecimals + 1).Select(d => "F" + d.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// Reads a FeatureCollection (or a single Feature) with any geometry type. A feature-level "id" is copied into
    /// the properties as "id" when the properties have none, so callers find identifiers in one place.
    /// </summary>
    /// <exception cref="FormatException">The JSON is malformed or a feature is not valid GeoJSON; the message
    /// names the zero-based feature index.</exception>
    public static IReadOnlyList<GeoJsonFeature> ReadFeatures(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"GeoJSON is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            // Features are handed to the library one at a time because its collection reader cannot say which
            // feature failed, and a county file with one bad ring is otherwise hard to fix.
            var root = document.RootElement;
            return TypeOf(root) switch
            {
                "Feature" => [ReadFeature(root, 0)],
                "FeatureCollection" when root.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array =>
                    [.. features.EnumerateArray().Select(ReadFeature)],
                "FeatureCollection" => throw new FormatException("FeatureCollection has no 'features' array."),
                null => throw new FormatException("GeoJSON root must be an object with a string 'type'."),
                var type => throw new FormatException($"GeoJSON root type must be FeatureCollection or Feature, not '{type}'."),
            };
        }
    }

    /// <summary>
    /// Writes a geometry object. Coordinates are rounded to <paramref name="decimals"/> places and written in their
    /// shortest form (no trailing zeros); polygon shells are written counter-clockwise and holes clockwise.
    /// </summary>
    public static void WriteGeometry(Utf8JsonWriter w, Geometry g, int decimals = 6)
    {
        ArgumentNullException.ThrowIfNull(w);
        JsonSerializer.Serialize(w, Rounded(g, decimals), SerializerOptions);
    }

    /// <summary>The same JSON <see cref="WriteGeometry"/> produces, as a node (for embedding in API responses).</summary>
    public static JsonNode ToJsonNode(Geometry g, int decimals = 6) =>
        JsonSerializer.SerializeToNode(Rounded(g, decimals), SerializerOptions)!;

    /// <summary>
    /// Writes a FeatureCollection with one feature per line (LF line ends), properties in their insertion order.
    /// The same features always give byte-identical output, so generated files diff cleanly.
    /// </summary>
    public static void WriteFeatureCollection(Stream s, IEnumerable<GeoJsonFeature> features, int decimals)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(features);
        CheckDecimals(decimals);
        using var w = new Utf8JsonWriter(s, WriterOptions);
        // The library writes a collection on a single line; the framing is ours so that a diff shows which feature
        // changed. Properties are written from the JsonObject as read, not through the library's attribute table.
        s.Write("{\"type\":\"FeatureCollection\",\"features\":["u8);
        var first = true;
        foreach (var feature in features)
        {
            s.Write(first ? "\n"u8 : ",\n"u8);
            first = false;
            w.Reset();
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WritePropertyName("properties");
            feature.Properties.WriteTo(w);
            w.WritePropertyName("geometry");
            JsonSerializer.Serialize(w, Rounded(feature.Geometry, decimals), SerializerOptions);
            w.WriteEndObject();
            w.Flush();
        }

        s.Write("\n]}\n"u8);
    }

    private static string? TypeOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;

    private static GeoJsonFeature ReadFeature(JsonElement element, int index)
    {
        if (TypeOf(element) != "Feature")
        {
            throw new FormatException($"GeoJSON feature {index}: not an object with \"type\": \"Feature\".");
        }

        IFeature? feature;
        try
        {
            feature = element.Deserialize<IFeature>(SerializerOptions);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            // NetTopologySuite rejects open or too-short rings with ArgumentException, the library bad tokens with
            // JsonException; either way the caller needs to know which feature to fix.
            throw new FormatException($"GeoJSON feature {index}: {e.Message}", e);
        }

        // GeoJSON allows a feature without a location, but every map layer here is about where things are.
        var geometry = feature?.Geometry ?? throw new FormatException($"GeoJSON feature {index} has no geometry.");
        // The library reads 1e999 as infinity; no later computation on such a coordinate means anything.
        var box = geometry.EnvelopeInternal;
        if (!box.IsNull && !(double.IsFinite(box.MinX) && double.IsFinite(box.MaxX) && double.IsFinite(box.MinY) && double.IsFinite(box.MaxY)))
        {
            throw new FormatException($"GeoJSON feature {index} has a coordinate that is not a finite number.");
        }

        var properties = feature.Attributes is JsonObjectAttributesTable table ? table.RootObject : [];
        if (!properties.ContainsKey("id"))
        {
            // The library keeps a feature-level id beside the attributes, as a string or a decimal.
            switch ((feature as IUnique)?.Id)
            {
                case string text:
                    properties["id"] = text;
                    break;
                case decimal number:
                    properties["id"] = number;
                    break;
            }
        }

        return new GeoJsonFeature(properties, geometry);
    }

    private static void CheckDecimals(int decimals)
    {
        if (decimals is < 0 or > MaxDecimals)
        {
            throw new ArgumentOutOfRangeException(nameof(decimals), decimals, $"must be between 0 and {MaxDecimals}");
        }
    }

    /// <summary>A copy with every ordinate rounded; the library writes a double in its shortest round-trip form.</summary>
    private static Geometry Rounded(Geometry g, int decimals)
    {
        ArgumentNullException.ThrowIfNull(g);
        CheckDecimals(decimals);
        var copy = g.Copy();
        copy.Apply(new DecimalRounding(FixedFormats[decimals]));
        return copy;
    }

    /// <summary>
    /// Rounds through fixed-point formatting, which is exact in .NET (ties to even on the true binary value), so the
    /// same double gives the same result on every platform. Math.Round multiplies by a power of ten first, and the
    /// rounded product can sit on a tie that the exact value is not on.
    /// </summary>
    private sealed class DecimalRounding(string format) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                for (var ordinate = 0; ordinate < seq.Dimension; ordinate++)
                {
                    seq.SetOrdinate(i, ordinate, Round(seq.GetOrdinate(i, ordinate)));
                }
            }
        }

        private double Round(double value)
        {
            Span<char> text = stackalloc char[64];
            // A value too long for the buffer is at least 1e47, where a double has no fractional digits to round.
            // A NaN is a missing Z, which the library does not write; an infinity is rejected by the JSON writer.
            if (!double.IsFinite(value) || !value.TryFormat(text, out var length, format, CultureInfo.InvariantCulture))
            {
                return value;
            }

            var rounded = double.Parse(text[..length], CultureInfo.InvariantCulture);
            // "-0" is valid JSON but reads oddly in a coordinate list.
            return rounded == 0 ? 0 : rounded;
        }
    }
}
