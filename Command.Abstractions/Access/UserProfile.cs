using Orleans;
namespace Command.Abstractions.Access;

/// <summary>Who a user is and where they work; <see cref="TeamId"/> only for a patrol leader, <see cref="Department"/>
/// (one of <see cref="DepartmentKinds"/>) only for a 联动单位.</summary>
[GenerateSerializer, Immutable]
public sealed record UserProfile(string DisplayName, Role Role, string JurisdictionId, string? TeamId, string? Department = null);
