using Command.Abstractions.Geo;
using Orleans;

namespace Command.Abstractions.Disputes;

/// <summary>
/// A dispute in the 矛盾纠纷台账. <see cref="State"/> is <c>open</c> (being mediated), <c>handedOff</c> (a 对接 awaits
/// its result) or <c>closed</c>; a closed one has an <see cref="Outcome"/>: <c>mediated</c> (调解成功), <c>failed</c>
/// (调解不成) or <c>transferred</c> (移交). Nothing on it is ever edited: steps, handoffs and links are appended.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DisputeView(
    string Id,
    string Number,
    IReadOnlyList<DisputeParty> Parties,
    string Cause,
    string Description,
    GeoPoint Location,
    string JurisdictionId,
    IReadOnlyList<string> JurisdictionChain,
    string Level,
    string? IncidentId,
    string? IncidentNumber,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    string State,
    IReadOnlyList<DisputeStep> Steps,
    IReadOnlyList<DisputeHandoff> Handoffs,
    IReadOnlyList<DisputeCriminalLink> CriminalLinks,
    IReadOnlyList<DisputeTimelineEntry> Timeline,
    string? Outcome,
    string? CloseNote,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    long Version)
{
    /// <summary>A handoff whose 签收 came late or not at all.</summary>
    public bool HasOverdueHandoff => Handoffs.Any(h => h.OverdueAt is not null);
}
