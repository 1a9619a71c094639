namespace Command.Silo.Jurisdictions;

/// <summary>The result of placing a point: the deepest jurisdiction, its ancestors (city first), and whether the
/// point lay outside every boundary and was given to the nearest one.</summary>
public sealed record Placement(JurisdictionInfo Jurisdiction, IReadOnlyList<JurisdictionInfo> Chain, bool OutsideBoundary, double? DistanceMeters);
