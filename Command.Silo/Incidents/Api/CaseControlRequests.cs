namespace Command.Silo.Incidents.Api;

/// <summary>续报/补充.</summary>
public sealed record CaseNoteRequest(string? Text);

/// <summary>A new type for the case, and why; <c>cause</c> only when it becomes a mass incident.</summary>
public sealed record TypeChangeRequest(string? Type, string? Reason, string? Cause);

/// <summary>The case this call repeats.</summary>
public sealed record DuplicateOfRequest(string? IncidentId);

public sealed record RecallTeamRequest(string? Reason);

public sealed record DivertTeamRequest(string? IncidentId, string? Reason);

/// <summary>A status the team reported by radio: enRoute (出发), onScene (到场) or returning (返回).</summary>
public sealed record RadioStatusRequest(string? Status);
