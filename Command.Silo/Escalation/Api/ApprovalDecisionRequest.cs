namespace Command.Silo.Escalation.Api;

/// <summary>A leader's decision on a 三个慎用 gate. The approver on record is the signed-in leader; <c>approver</c> may be
/// left out, and one that names anyone else is refused (422).</summary>
public sealed record ApprovalDecisionRequest(bool? Approved, string? Approver, string? Reason);
