using Command.Abstractions.Jurisdictions;
using Orleans;

namespace Command.Abstractions.Escalation;

/// <summary>领导亲临现场: a leader reports being at the scene, with where they are.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaderCheckIn(string Leader, JurisdictionLevel Level, double Lon, double Lat);
