using Command.Abstractions.Patrols;

namespace Command.Silo.Patrols;

public sealed record TeamState(
    TeamDefinition? Definition,
    TeamStatus Status,
    DateTimeOffset StatusSince,
    string? IncidentId)
{
    public static TeamState Empty { get; } = new(null, TeamStatus.OffDuty, DateTimeOffset.MinValue, null);
}
