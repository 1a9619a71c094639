namespace Command.Silo.Patrols.Api;

/// <summary>请求增援: <c>teams</c> how many teams (1–10), <c>kind</c> what kind of team (any, vehicle, foot, motorcycle),
/// <c>needs</c> what they must bring (e.g. 防暴, 医疗, 消防).</summary>
public sealed record BackupRequest(string? Note, int? Teams = null, string? Kind = null, string[]? Needs = null);
