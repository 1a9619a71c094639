using Orleans;
namespace Command.Abstractions.Geo;

/// <summary>A position in degrees, in the datum of the map data (GCJ-02 as shipped in maps/).</summary>
[GenerateSerializer, Immutable]
public sealed record GeoPoint(double Lon, double Lat);
