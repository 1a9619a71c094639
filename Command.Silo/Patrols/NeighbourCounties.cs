using System.Collections.Concurrent;
using Command.Silo.Jurisdictions;

namespace Command.Silo.Patrols;

/// <summary>
/// Which counties share a border with which, from the boundary polygons. Computed once per county on first use:
/// the boundaries never change while the silo runs. A sliver of tolerance (about 100 m) joins counties whose
/// digitised borders do not quite touch.
/// </summary>
public sealed class NeighbourCounties(JurisdictionMap map)
{
    private const double ToleranceDegrees = 0.001;
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> neighbours = new(StringComparer.Ordinal);

    /// <summary>The county a jurisdiction lies in (itself when it is one), or null above the counties.</summary>
    public string? CountyOf(string jurisdictionId) =>
        map.ChainOf(jurisdictionId).FirstOrDefault(j => j.Level == Abstractions.Jurisdictions.JurisdictionLevel.County)?.Id;

    public IReadOnlySet<string> Of(string countyId) => neighbours.GetOrAdd(countyId, id =>
    {
        if (map.Find(id) is not { } county)
        {
            return new HashSet<string>();
        }
        var widened = county.Boundary.Buffer(ToleranceDegrees);
        return map.Counties.Where(c => c.Id != id && widened.Intersects(c.Boundary)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
    });
}
