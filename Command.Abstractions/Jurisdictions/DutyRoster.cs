using Orleans;
namespace Command.Abstractions.Jurisdictions;

/// <summary>Who is on duty for a jurisdiction: the 值班员 and the 带班领导.</summary>
[GenerateSerializer, Immutable]
public sealed record DutyRoster(string? DutyOfficer, string? LeaderOnDuty, string? LeaderPhone = null);
