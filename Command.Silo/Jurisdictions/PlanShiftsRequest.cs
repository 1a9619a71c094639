namespace Command.Silo.Jurisdictions;

/// <summary>值班表: the shifts from now on, each with its duty officer, leader on duty and the leader's phone.</summary>
public sealed record PlanShiftsRequest(IReadOnlyList<ShiftRequest>? Shifts);

public sealed record ShiftRequest(DateTimeOffset? From, DateTimeOffset? To, string? DutyOfficer, string? LeaderOnDuty, string? LeaderPhone);
