using Command.Abstractions.Jurisdictions;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Command.Silo.Jurisdictions;

/// <summary>The reference data of one jurisdiction: name, level, place in the tree and boundary.</summary>
public sealed class JurisdictionInfo(string id, string name, JurisdictionLevel level, string? parentId, bool synthetic, Geometry boundary)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public JurisdictionLevel Level { get; } = level;
    public string? ParentId { get; } = parentId;
    public bool Synthetic { get; } = synthetic;
    public Geometry Boundary { get; } = boundary;
    public IPreparedGeometry Prepared { get; } = PreparedGeometryFactory.Prepare(boundary);
    public List<string> ChildIds { get; } = [];

    public JurisdictionNode ToNode() => new(Id, Name, Level, ParentId, Synthetic);
}
