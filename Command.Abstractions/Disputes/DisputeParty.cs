using Orleans;

namespace Command.Abstractions.Disputes;

/// <summary>A party to a dispute. <see cref="Role"/> is <c>applicant</c> (申请人), <c>respondent</c> (被申请人) or
/// <c>party</c> (当事人).</summary>
[GenerateSerializer, Immutable]
public sealed record DisputeParty(string Name, string Role, string? Phone);
