namespace Command.Silo.Incidents;

/// <summary>A leader's decision on a 三个慎用 gate. <see cref="Approver"/> names the signed-in leader as timelines do,
/// 领导:李强(lc.leader); decisions journaled before sign-in carry a bare name.</summary>
public sealed record ApprovalDecided(string Gate, bool Approved, string Approver, string Reason) : IncidentEvent;
