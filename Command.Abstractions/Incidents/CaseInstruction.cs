using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>批示: a leader's written instruction on a case, and whether the duty officer has read it (已阅).
/// <see cref="Leader"/> and <see cref="AcknowledgedBy"/> name people as timelines do, 领导:李强(lc.leader).</summary>
[GenerateSerializer, Immutable]
public sealed record CaseInstruction(
    string Id,
    string Text,
    string Leader,
    DateTimeOffset GivenAt,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null)
{
    public bool IsAcknowledged => AcknowledgedAt is not null;
}
