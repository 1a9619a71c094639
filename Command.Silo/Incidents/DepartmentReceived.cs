namespace Command.Silo.Incidents;

/// <summary>签收: the called department has taken the call <see cref="Number"/>.</summary>
public sealed record DepartmentReceived(int Number, string Username, bool Late) : IncidentEvent;
