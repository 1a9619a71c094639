namespace Command.Silo.Incidents;

/// <summary>On the repeated call: it is the same incident as <see cref="TargetNumber"/> and is closed into it.</summary>
public sealed record MarkedDuplicate(string TargetId, string TargetNumber) : IncidentEvent;
