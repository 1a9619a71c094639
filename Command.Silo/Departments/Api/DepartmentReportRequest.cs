namespace Command.Silo.Departments.Api;

/// <summary>反馈 from a called-in department; <see cref="Final"/> true is its 处置完毕.</summary>
public sealed record DepartmentReportRequest(string? Text, bool? Final);
