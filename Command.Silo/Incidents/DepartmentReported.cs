namespace Command.Silo.Incidents;

/// <summary>反馈 from the department on its call <see cref="Number"/>; <see cref="Final"/> is its 处置完毕.</summary>
public sealed record DepartmentReported(int Number, string Username, string Text, bool Final) : IncidentEvent;
