namespace Command.Silo.Escalation.Api;

/// <summary>
/// A leader's check-in at the scene. The leader on record is the one signed in, at the level of their own jurisdiction:
/// <c>leader</c> and <c>level</c> may be left out, and a value that names anyone or anything else is refused (422).
/// <c>title</c> (职务, e.g. 县委副书记) and <c>note</c> are the leader's own words and meet nothing.
/// </summary>
public sealed record LeaderCheckInRequest(string? Leader, string? Level, double? Lon, double? Lat, string? Title = null, string? Note = null);
