namespace Command.Silo.Incidents;

/// <summary>未按时签收: the department had not signed for its call by <see cref="DueAt"/>; <see cref="LatenessSeconds"/>
/// says how late the deadline fired (the silo may have been down).</summary>
public sealed record DepartmentReceiptOverdue(int Number, string Username, string DepartmentName, DateTimeOffset DueAt, double LatenessSeconds) : IncidentEvent;
