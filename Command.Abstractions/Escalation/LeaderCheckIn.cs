using Command.Abstractions.Jurisdictions;
using Orleans;

namespace Command.Abstractions.Escalation;

/// <summary>
/// 领导亲临现场: the signed-in leader reports being at the scene, with where they are. Who they are and their level come
/// from their account and its jurisdiction, never from the request; only the post (职务) and an arrival note are theirs to add.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LeaderCheckIn(
    string Username,
    string DisplayName,
    string JurisdictionId,
    JurisdictionLevel Level,
    double Lon,
    double Lat,
    string? Title = null,
    string? Note = null);
