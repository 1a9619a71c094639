namespace Command.Silo.Departments.Api;

/// <summary>调度联动单位: <see cref="Department"/> is the department's account (gx.fire) or its kind (fire), then the
/// nearest such department of the case; <see cref="Role"/> is lead (牵头) or support (协作).</summary>
public sealed record CallDepartmentRequest(string? Department, string? Role, string? Task);
