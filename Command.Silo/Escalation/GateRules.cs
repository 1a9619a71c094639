namespace Command.Silo.Escalation;

public sealed record GateRules(int? MaxTeamsWithoutApproval, double? LeaderCheckInRadiusMeters);
