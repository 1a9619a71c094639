using Orleans;

namespace Command.Abstractions.Disputes;

/// <summary>
/// 对接: the dispute handed to another body — <c>mediation</c> (人民调解, 公调对接), <c>petition</c> (信访, 访调对接) or
/// <c>court</c> (诉调对接) — through a named receiver, who must 签收 by <see cref="ReceiptDueAt"/> and then return the
/// result. <see cref="OverdueAt"/> is set when 签收 did not come in time, and stays set: late is late on the record.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DisputeHandoff(
    int Number,
    string Body,
    string ReceiverUsername,
    string ReceiverName,
    string? Note,
    DateTimeOffset At,
    string By,
    DateTimeOffset ReceiptDueAt,
    DateTimeOffset? OverdueAt = null,
    DateTimeOffset? ReceivedAt = null,
    string? ReceivedBy = null,
    DateTimeOffset? ResultAt = null,
    string? ResultBy = null,
    bool? Success = null,
    string? ResultText = null)
{
    public bool IsPending => ResultAt is null;
}
