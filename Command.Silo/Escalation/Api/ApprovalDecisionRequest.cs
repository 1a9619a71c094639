namespace Command.Silo.Escalation.Api;

/// <summary>A leader's decision on a 三个慎用 gate. The approver on record is the signed-in leader; <c>approver</c> is accepted for
/// older clients and ignored.</summary>
public sealed record ApprovalDecisionRequest(bool? Approved, string? Approver, string? Reason);
