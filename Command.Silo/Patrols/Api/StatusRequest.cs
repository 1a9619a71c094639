namespace Command.Silo.Patrols.Api;

/// <summary>A status report. A terminal reporting 到达现场 sends where it is (<c>lon</c>, <c>lat</c>); from beyond
/// Dispatch:ArrivalRadiusMeters it must also send <c>confirmedFar</c>.</summary>
public sealed record StatusRequest(string? Status, double? Lon = null, double? Lat = null, bool? ConfirmedFar = null);
