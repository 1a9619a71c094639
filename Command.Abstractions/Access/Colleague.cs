namespace Command.Abstractions.Access;

/// <summary>
/// Someone a duty officer or leader may name as the owner of a 督办 item or the receiver of a dispute's 对接: a duty
/// officer, leader or 联动单位 of their jurisdiction or below it. Only what a name picker needs.
/// </summary>
public sealed record Colleague(string Username, string DisplayName, Role Role, string JurisdictionId, string JurisdictionName, string? Department);
