using Command.Abstractions.Incidents;

namespace Command.Silo.Incidents;

/// <summary>交接班: what the outgoing shift hands over (the open cases) and what happened on it, counted from the timelines.</summary>
public sealed record HandoverReport(
    DateTimeOffset Since,
    DateTimeOffset Until,
    string JurisdictionId,
    string JurisdictionName,
    HandoverCounts Counts,
    IReadOnlyList<IncidentSummary> Open,
    IReadOnlyList<IncidentSummary> PendingTransfers,
    IReadOnlyList<IncidentSummary> OnShift)
{
    /// <summary>The 交班留言 of the caller's jurisdiction from the day before the shift on, newest first.</summary>
    public IReadOnlyList<Command.Abstractions.Jurisdictions.HandoverNote> Notes { get; init; } = [];
}

public sealed record HandoverCounts(
    int Received,
    int Dispatches,
    int Closed,
    int DispatchOverdue,
    int Escalations,
    int BackupRequests,
    int TransfersOut,
    int TransfersIn,
    int TransfersPending,
    int Open);
