using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace Command.Silo.Spatial;

/// <summary>
/// One GeoJSON feature. Properties stay a mutable JSON object, not a typed record, because the map files carry
/// different property sets per layer (counties, synthetic jurisdictions, assets) and the reader must not lose any.
/// </summary>
public sealed record GeoJsonFeature(JsonObject Properties, Geometry Geometry);
