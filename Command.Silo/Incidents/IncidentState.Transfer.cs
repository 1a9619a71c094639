using Command.Abstractions.Incidents;
using Command.Silo.Runtime;

namespace Command.Silo.Incidents;

public sealed partial record IncidentState
{
    private IncidentState ApplyTransfer(IncidentEvent @event, EventMeta meta) => @event switch
    {
        TransferRequested r => this with
        {
            Transfer = new IncidentTransfer(r.FromJurisdictionId, r.FromName, r.ToJurisdictionId, r.ToName, r.Reason, meta.Actor, meta.At, r.DueAt,
                TransferState.Pending),
            PendingTransferTarget = r.Target,
        },
        TransferSigned s => this with
        {
            Placement = PendingTransferTarget ?? Placement,
            PendingTransferTarget = null,
            Transfer = Transfer! with { State = TransferState.Signed, DecidedBy = meta.Actor, DecidedAt = meta.At, DecisionNote = s.Note },
        },
        TransferRefused f => this with
        {
            PendingTransferTarget = null,
            Transfer = Transfer! with { State = TransferState.Refused, DecidedBy = meta.Actor, DecidedAt = meta.At, DecisionNote = f.Reason },
        },
        TransferOverdue => Transfer is { IsPending: true } ? this with { Transfer = Transfer with { OverdueAt = meta.At } } : this,
        _ => this,
    };

    /// <summary>Where the incident will lie once the pending transfer is signed.</summary>
    public IncidentPlacement? PendingTransferTarget { get; init; }
}
