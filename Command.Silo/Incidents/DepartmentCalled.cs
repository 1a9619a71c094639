using Command.Abstractions.Incidents;

namespace Command.Silo.Incidents;

/// <summary>调度联动单位: a department (its account <see cref="Username"/>) called into the case with a task, due to sign by <see cref="DueAt"/>.</summary>
public sealed record DepartmentCalled(int Number, string Username, string DepartmentName, string Kind, DepartmentRole Role, string Task, DateTimeOffset DueAt)
    : IncidentEvent;
