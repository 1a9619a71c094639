namespace Command.Silo.Escalation.Api;

public sealed record ReportRequest(string? Kind, string? Text);
