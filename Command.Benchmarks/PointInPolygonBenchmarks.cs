using BenchmarkDotNet.Attributes;
using Command.Abstractions.Geo;
using Command.Benchmarks.Load;
using Command.Silo.Jurisdictions;

namespace Command.Benchmarks;

/// <summary>Placing a call in its jurisdiction: the STRtree and prepared-geometry search over the 4,335 boundaries
/// of 聊城, at points spread over the city (each invocation places all of them), and one point outside every boundary.</summary>
[MemoryDiagnoser]
public class PointInPolygonBenchmarks
{
    private const int Points = 1_000;
    private JurisdictionMap map = null!;
    private GeoPoint[] points = [];

    [GlobalSetup]
    public void SetUp()
    {
        map = JurisdictionMap.Load(JurisdictionMap.FindMapsDirectory());
        var random = new Random(42);
        points = [.. Enumerable.Range(0, Points).Select(_ => BenchIncidents.RandomPoint(map, random))];
    }

    [Benchmark(OperationsPerInvoke = Points, Description = "Locate, inside the city")]
    public int LocateInside()
    {
        int depth = 0;
        foreach (var point in points)
        {
            depth += map.Locate(point.Lon, point.Lat).Chain.Count;
        }
        return depth;
    }

    [Benchmark(Description = "Locate, outside every boundary")]
    public bool LocateOutside() => map.Locate(117.5, 37.9).OutsideBoundary;
}
