using Orleans.Concurrency;
using Orleans;
using Command.Abstractions.Escalation;
using Command.Abstractions.Patrols;

namespace Command.Abstractions.Incidents;

/// <summary>One 警情, from the call to its closure. Keyed by the incident id.</summary>
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>Opens the incident. Calling it again with the same id returns the existing incident unchanged.</summary>
    Task<IncidentDetail> Open(IncidentCall call, string number, IncidentPlacement placement, string actor);

    /// <summary>Null when no incident was ever opened under this id.</summary>
    Task<IncidentDetail?> GetDetail();

    Task<IncidentDetail> Assign(string teamId, string actor);

    Task<IncidentDetail> StartHandling(string? note, string actor);

    Task<IncidentDetail> Close(string resolution, string actor);

    /// <summary>A team at or on its way to the incident asks for more hands (请求增援); the next dispatch answers it.</summary>
    Task<IncidentDetail> RequestBackup(string teamId, string? note, string actor);

    Task<IReadOnlyList<TimelineEntry>> GetTimeline();

    /// <summary>A duty officer upgrades the incident to a mass incident (群体性事件).</summary>
    Task<IncidentDetail> DeclareMassIncident(string cause, int? crowdSize, string actor);

    /// <summary>A new estimate of the crowd; every revision is kept.</summary>
    Task<IncidentDetail> ReviseCrowd(int crowdSize, string actor);

    Task<IncidentDetail> ChangeSeverity(int severity, string reason, string actor);

    /// <summary>The signed-in leader (<paramref name="actor"/>) checks in; their level, in <paramref name="checkIn"/>, decides what it meets.</summary>
    Task<IncidentDetail> CheckInLeader(LeaderCheckIn checkIn, string actor);

    Task<IncidentDetail> SubmitReport(string kind, string text, string actor);

    Task<IncidentDetail> RequestApproval(string gate, string reason, string actor);

    /// <summary>The signed-in leader (<paramref name="actor"/>) decides; they are the approver on record.</summary>
    Task<IncidentDetail> DecideApproval(string gate, bool approved, string reason, string actor);

    /// <summary>Records coercive measures or weapons used; refused unless the gate was approved.</summary>
    Task<IncidentDetail> RecordMeasure(string gate, string note, string actor);

    Task<EscalationView> AcknowledgeEscalation(string escalationId, string actor);

    /// <summary>A leader decides to take the case higher than the rules' ceiling.</summary>
    Task<EscalationView> EscalateFurther(string escalationId, string reason, string actor);

    /// <summary>转警: hands the case to another jurisdiction, where it will lie at <paramref name="target"/> once signed.</summary>
    Task<IncidentDetail> RequestTransfer(JurisdictionRef to, IncidentPlacement target, string reason, string actor);

    /// <summary>签收 by the target jurisdiction; the case moves there.</summary>
    Task<IncidentDetail> SignTransfer(string? note, string actor);

    /// <summary>退回 by the target jurisdiction; the case stays where it was.</summary>
    Task<IncidentDetail> RefuseTransfer(string reason, string actor);

    /// <summary>A team's leader reported a new status for this incident.</summary>
    [OneWay]
    Task OnTeamStatus(string teamId, TeamStatus status, DateTimeOffset at, string actor);
}
