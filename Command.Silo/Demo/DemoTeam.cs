using Command.Abstractions.Patrols;

namespace Command.Silo.Demo;

/// <summary>A synthetic patrol team of the demo city, with where it starts its shift.</summary>
public sealed record DemoTeam(string Id, TeamDefinition Definition, double Lon, double Lat);
