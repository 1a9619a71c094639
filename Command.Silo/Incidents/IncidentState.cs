using System.Collections.Immutable;
using Command.Abstractions.Incidents;
using Command.Abstractions.Patrols;
using Command.Silo.Runtime;

namespace Command.Silo.Incidents;

public sealed record IncidentState(
    string? Number,
    IncidentCall? Call,
    IncidentPlacement? Placement,
    IncidentStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset StatusSince,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? OnSceneAt,
    DateTimeOffset? HandlingAt,
    DateTimeOffset? ClosedAt,
    string? Resolution,
    DateTimeOffset? DispatchOverdueAt,
    ImmutableList<Assignment> Assignments)
{
    public static IncidentState Empty { get; } = new(null, null, null, IncidentStatus.Received, default, default, null, null, null, null, null, null, []);

    public bool Exists => Call is not null;

    public bool IsMassIncident => Call?.Type == IncidentType.MassIncident;

    public IEnumerable<Assignment> ActiveAssignments => Assignments.Where(a => a.ClearedAt is null);

    public IncidentState Apply(IncidentEvent @event, EventMeta meta)
    {
        var at = meta.At;
        return @event switch
        {
            IncidentReceived r => this with
            {
                Number = r.Number, Call = r.Call, Placement = r.Placement, Status = IncidentStatus.Received, ReceivedAt = at, StatusSince = at,
            },
            TeamAssigned a => this with
            {
                Assignments = Assignments.Add(new Assignment(a.TeamId, a.Callsign, TeamStatus.Dispatched, at, at, null, null, null, meta.Actor)),
            },
            TeamStatusReported s => UpdateAssignment(s.TeamId, x => x with
            {
                Status = s.Status,
                StatusSince = at,
                EnRouteAt = s.Status == TeamStatus.EnRoute ? at : x.EnRouteAt,
                OnSceneAt = s.Status == TeamStatus.OnScene ? at : x.OnSceneAt,
                ClearedAt = s.Status is TeamStatus.Returning or TeamStatus.Available ? at : x.ClearedAt,
            }),
            TeamReleased r => UpdateAssignment(r.TeamId, x => x with { ClearedAt = at, StatusSince = at }),
            IncidentStatusChanged c => this with
            {
                Status = c.To,
                StatusSince = at,
                DispatchedAt = c.To == IncidentStatus.Dispatched ? at : DispatchedAt,
                OnSceneAt = c.To == IncidentStatus.OnScene ? at : OnSceneAt,
                HandlingAt = c.To == IncidentStatus.Handling ? at : HandlingAt,
                ClosedAt = c.To == IncidentStatus.Closed ? at : ClosedAt,
                Resolution = c.To == IncidentStatus.Closed ? c.Note : Resolution,
            },
            DispatchOverdue => this with { DispatchOverdueAt = at },
            _ => this,
        };
    }

    private IncidentState UpdateAssignment(string teamId, Func<Assignment, Assignment> change)
    {
        int index = Assignments.FindLastIndex(a => a.TeamId == teamId);
        return index < 0 ? this : this with { Assignments = Assignments.SetItem(index, change(Assignments[index])) };
    }

    public IncidentSummary ToSummary(string id, long version) => new(
        id, Number!, Call!.Channel, Call.Type, Call.Severity, Status, IsMassIncident, Call.Location, Call.Address,
        Placement!.JurisdictionId, Placement.Chain.FirstOrDefault(j => j.Level == Abstractions.Jurisdictions.JurisdictionLevel.County)?.Id,
        ReceivedAt, StatusSince, ActiveAssignments.Count(), version);

    public IncidentDetail ToDetail(string id, long version) => new(
        id, Number!, Call!.Channel, Call.Type, Call.Severity, Status, IsMassIncident, Call.CrowdSize, Call.Location, Call.Address,
        Call.Description, Call.CallerPhone, Placement!.JurisdictionId, Placement.Chain, Placement.OutsideBoundary,
        ReceivedAt, DispatchedAt, OnSceneAt, HandlingAt, ClosedAt, Resolution, DispatchOverdueAt, Assignments, [], version);
}
