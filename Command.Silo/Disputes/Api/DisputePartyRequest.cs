namespace Command.Silo.Disputes.Api;

/// <summary>A party: name, role (applicant 申请人, respondent 被申请人, party 当事人) and an optional phone.</summary>
public sealed record DisputePartyRequest(string? Name, string? Role, string? Phone);
