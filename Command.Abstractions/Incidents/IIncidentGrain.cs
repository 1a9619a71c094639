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

    Task<EscalationView> AcknowledgeEscalation(string escalationId, string? comment, string actor);

    /// <summary>A leader decides to take the case higher than the rules' ceiling.</summary>
    Task<EscalationView> EscalateFurther(string escalationId, string reason, string actor);

    /// <summary>续报/补充: a note added after intake.</summary>
    Task<IncidentDetail> AddNote(string text, string actor);

    /// <summary>Changes what kind of incident this is; to a mass incident it is the declaration (<paramref name="cause"/>).</summary>
    Task<IncidentDetail> ChangeType(IncidentType type, string reason, string? cause, string actor);

    /// <summary>重复报警: this call repeats <paramref name="targetId"/>; it is merged there and closed.</summary>
    Task<IncidentDetail> LinkAsDuplicateOf(string targetId, string actor);

    /// <summary>The other side of <see cref="LinkAsDuplicateOf"/>: records the repeated call and its caller here.</summary>
    Task<IncidentDetail> AcceptDuplicate(LinkedCall call, string actor);

    /// <summary>撤回: a team sent in error is called back and freed.</summary>
    Task<IncidentDetail> RecallTeam(string teamId, string reason, string actor);

    /// <summary>改派: a team of this case is sent on to <paramref name="toIncidentId"/> in one step.</summary>
    Task<IncidentDetail> DivertTeam(string teamId, string toIncidentId, string reason, string actor);

    /// <summary>The other side of <see cref="DivertTeam"/>: takes the team over from the case it was working.</summary>
    Task<IncidentDetail> TakeDivertedTeam(string teamId, string fromIncidentId, string fromNumber, string reason, string actor);

    /// <summary>电台报告: the duty officer enters a status the team reported by radio.</summary>
    Task<IncidentDetail> EnterRadioStatus(string teamId, TeamStatus status, string actor);

    /// <summary>办结 by a person: a case whose teams never arrived needs <paramref name="confirmNoArrival"/> and a reason.</summary>
    Task<IncidentDetail> Conclude(string resolution, bool confirmNoArrival, string? noArrivalReason, string actor);

    /// <summary>Records that a team's 到达现场 came from <paramref name="distanceMeters"/> away and was confirmed (远距离确认到场).</summary>
    Task<IncidentDetail> ConfirmFarArrival(string teamId, int distanceMeters, double lon, double lat, string actor);

    /// <summary>A team that arrived far away is now within the arrival radius: its arrival counts.</summary>
    Task<IncidentDetail> VerifyArrival(string teamId, int distanceMeters, string actor);

    /// <summary>请求增援 with how many teams and what kind; while the same team's earlier request is unanswered, asking again returns it unchanged.</summary>
    Task<IncidentDetail> AskBackup(string teamId, string? note, int? teams, string? kind, IReadOnlyList<string>? needs, string actor);

    /// <summary>处警反馈 of a team sent to this incident.</summary>
    Task<IncidentDetail> SubmitFieldReport(string teamId, FieldReport report, string actor);

    /// <summary>转警: hands the case to another jurisdiction, where it will lie at <paramref name="target"/> once signed.</summary>
    Task<IncidentDetail> RequestTransfer(JurisdictionRef to, IncidentPlacement target, string reason, string actor);

    /// <summary>签收 by the target jurisdiction; the case moves there.</summary>
    Task<IncidentDetail> SignTransfer(string? note, string actor);

    /// <summary>退回 by the target jurisdiction; the case stays where it was.</summary>
    Task<IncidentDetail> RefuseTransfer(string reason, string actor);

    /// <summary>批示: a leader's written instruction on the case.</summary>
    Task<IncidentDetail> GiveInstruction(string text, string actor);

    /// <summary>已阅: a duty officer has read the 批示 <paramref name="instructionId"/>.</summary>
    Task<IncidentDetail> AcknowledgeInstruction(string instructionId, string actor);

    /// <summary>调度联动单位: calls a department into the case (one 牵头 per case); its 签收 is due within <paramref name="receiptWithin"/>.</summary>
    Task<IncidentDetail> CallDepartment(string username, string departmentName, string kind, DepartmentRole role, string task, TimeSpan receiptWithin, string actor);

    /// <summary>签收 by the department <paramref name="username"/> of its call <paramref name="number"/>.</summary>
    Task<IncidentDetail> ReceiveDepartmentCall(int number, string username, string actor);

    /// <summary>反馈 by the department <paramref name="username"/> on its call; <paramref name="final"/> is 处置完毕.</summary>
    Task<IncidentDetail> ReportFromDepartment(int number, string username, string text, bool final, string actor);

    /// <summary>A team's leader reported a new status for this incident.</summary>
    [OneWay]
    Task OnTeamStatus(string teamId, TeamStatus status, DateTimeOffset at, string actor);
}
