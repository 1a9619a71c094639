using Orleans;
namespace Command.Abstractions.Patrols;

/// <summary>A position update as pushed to consoles, batched.</summary>
[GenerateSerializer, Immutable]
public sealed record TeamMoved(string TeamId, TeamPosition Position);
