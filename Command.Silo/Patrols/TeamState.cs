using Command.Abstractions.Patrols;
using Command.Silo.Runtime;

namespace Command.Silo.Patrols;

public sealed record TeamState(
    TeamDefinition? Definition,
    TeamStatus Status,
    DateTimeOffset StatusSince,
    string? IncidentId,
    string? IncidentNumber = null)
{
    public static TeamState Empty { get; } = new(null, TeamStatus.OffDuty, DateTimeOffset.MinValue, null);

    public TeamState Apply(TeamEvent @event, EventMeta meta) => @event switch
    {
        TeamCommissioned c => Definition is null
            ? this with { Definition = c.Definition, Status = TeamStatus.Available, StatusSince = meta.At }
            : this with { Definition = c.Definition },
        TeamStatusChanged s => this with
        {
            Status = s.To, StatusSince = meta.At, IncidentId = s.IncidentId,
            IncidentNumber = s.IncidentId is null ? null : s.IncidentNumber ?? (s.IncidentId == IncidentId ? IncidentNumber : null),
        },
        _ => this,
    };
}
