namespace Command.Silo.Departments;

/// <summary>A 联动单位 a duty officer may call in: its account, name, kind and jurisdiction.</summary>
public sealed record DepartmentView(string Username, string DisplayName, string Department, string DepartmentName, string JurisdictionId, string JurisdictionName);
