namespace Command.Silo.Incidents.Api;

/// <summary>A case whose teams were sent and none arrived closes only with <c>confirmNoArrival: true</c> and a <c>noArrivalReason</c>.</summary>
public sealed record CloseIncidentRequest(string? Resolution, bool? ConfirmNoArrival = null, string? NoArrivalReason = null);
