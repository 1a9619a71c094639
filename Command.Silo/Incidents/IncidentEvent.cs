using System.Text.Json.Serialization;

namespace Command.Silo.Incidents;

/// <summary>What an incident's journal records; the timeline is these events in order.</summary>
[JsonDerivedType(typeof(IncidentReceived), "received")]
[JsonDerivedType(typeof(TeamAssigned), "teamAssigned")]
[JsonDerivedType(typeof(TeamStatusReported), "teamStatus")]
[JsonDerivedType(typeof(TeamReleased), "teamReleased")]
[JsonDerivedType(typeof(IncidentStatusChanged), "statusChanged")]
[JsonDerivedType(typeof(DispatchOverdue), "dispatchOverdue")]
[JsonDerivedType(typeof(BackupRequested), "backupRequested")]
[JsonDerivedType(typeof(MassIncidentDeclared), "massDeclared")]
[JsonDerivedType(typeof(CrowdRevised), "crowdRevised")]
[JsonDerivedType(typeof(SeverityChanged), "severityChanged")]
[JsonDerivedType(typeof(MilestoneDueSoon), "milestoneDue")]
[JsonDerivedType(typeof(MilestoneMet), "milestoneMet")]
[JsonDerivedType(typeof(MilestoneBreached), "milestoneBreached")]
[JsonDerivedType(typeof(EscalationRaised), "escalationRaised")]
[JsonDerivedType(typeof(EscalationReminded), "escalationReminded")]
[JsonDerivedType(typeof(EscalationClimbed), "escalationClimbed")]
[JsonDerivedType(typeof(EscalationAcknowledged), "escalationAcknowledged")]
[JsonDerivedType(typeof(EscalationCapped), "escalationCapped")]
[JsonDerivedType(typeof(LeaderCheckedIn), "leaderCheckedIn")]
[JsonDerivedType(typeof(ReportSubmitted), "reportSubmitted")]
[JsonDerivedType(typeof(ApprovalRequested), "approvalRequested")]
[JsonDerivedType(typeof(ApprovalDecided), "approvalDecided")]
[JsonDerivedType(typeof(MeasureRecorded), "measureRecorded")]
[JsonDerivedType(typeof(TransferRequested), "transferRequested")]
[JsonDerivedType(typeof(TransferSigned), "transferSigned")]
[JsonDerivedType(typeof(TransferRefused), "transferRefused")]
[JsonDerivedType(typeof(TransferOverdue), "transferOverdue")]
public abstract record IncidentEvent;
