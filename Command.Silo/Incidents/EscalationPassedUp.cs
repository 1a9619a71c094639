namespace Command.Silo.Incidents;

/// <summary>
/// The case went above this step (已上报至…): the step leaves the open list, and its leader is no longer reminded.
/// One case has one open step, its highest.
/// </summary>
public sealed record EscalationPassedUp(string EscalationId, string ToEscalationId, string ToJurisdictionName) : IncidentEvent;
