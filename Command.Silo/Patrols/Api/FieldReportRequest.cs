namespace Command.Silo.Patrols.Api;

/// <summary>处警反馈: <c>found</c> 现场情况, <c>actions</c> 处置措施, <c>people</c> 涉及人员, <c>peopleCount</c>, <c>result</c> 处置结果.</summary>
public sealed record FieldReportRequest(string? Found, string? Actions, string? People, int? PeopleCount, string? Result, string? IncidentId = null);
