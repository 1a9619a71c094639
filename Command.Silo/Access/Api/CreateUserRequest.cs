namespace Command.Silo.Access.Api;

/// <summary>An administrator opens an account. Role is dutyOfficer, patrolLeader (with teamId), leader, department (with
/// department, one of Command.Abstractions.Access.DepartmentKinds) or admin.</summary>
public sealed record CreateUserRequest(string? Username, string? DisplayName, string? Role, string? JurisdictionId, string? TeamId, string? Password,
    string? Department = null);
