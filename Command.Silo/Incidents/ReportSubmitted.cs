namespace Command.Silo.Incidents;

public sealed record ReportSubmitted(string Kind, string Text) : IncidentEvent;
