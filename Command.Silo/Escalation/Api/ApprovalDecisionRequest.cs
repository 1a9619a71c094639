namespace Command.Silo.Escalation.Api;

/// <summary>The approver is the leader who decided; until sign-in exists it defaults to the X-Actor.</summary>
public sealed record ApprovalDecisionRequest(bool? Approved, string? Approver, string? Reason);
