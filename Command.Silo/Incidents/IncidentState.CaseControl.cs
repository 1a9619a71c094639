using System.Collections.Immutable;
using Command.Abstractions.Incidents;
using Command.Silo.Runtime;

namespace Command.Silo.Incidents;

/// <summary>What the duty officer's control of a case adds to its state: notes, a changed type, repeated calls,
/// teams recalled or diverted, and a case sent back to wait for dispatch.</summary>
public sealed partial record IncidentState
{
    public ImmutableList<CaseNote> Notes { get; init; } = [];

    public ImmutableList<LinkedCall> LinkedCalls { get; init; } = [];

    /// <summary>Set on a repeated call: the case it was merged into.</summary>
    public string? DuplicateOfId { get; init; }

    public string? DuplicateOfNumber { get; init; }

    /// <summary>The type a duty officer changed the case to; null while it is the call's.</summary>
    public IncidentType? ChangedType { get; init; }

    /// <summary>What the case is now: a mass incident once declared one, else the type last set, else the call's.</summary>
    public IncidentType CurrentType => IsMassIncident ? IncidentType.MassIncident : ChangedType ?? Call!.Type;

    private IncidentState ChangeCaseControl(IncidentEvent @event, EventMeta meta)
    {
        var at = meta.At;
        return @event switch
        {
            NoteAdded n => this with { Notes = Notes.Add(new CaseNote(at, meta.Actor, n.Text)) },
            TypeChanged t => this with { ChangedType = t.To },
            DuplicateLinked d => this with { LinkedCalls = LinkedCalls.Add(d.Call) },
            MarkedDuplicate m => this with { DuplicateOfId = m.TargetId, DuplicateOfNumber = m.TargetNumber },
            TeamRecalled r => UpdateAssignment(r.TeamId, x => x with { ClearedAt = at, StatusSince = at, ClearedAs = "recalled", ClearedReason = r.Reason }),
            TeamDiverted d => UpdateAssignment(d.TeamId, x => x with
            {
                ClearedAt = at, StatusSince = at, ClearedAs = "diverted", ClearedReason = $"改派至{d.ToNumber}：{d.Reason}",
            }),
            DispatchRestarted => this with { DispatchOverdueAt = null, DispatchedAt = null },
            _ => this,
        };
    }
}
