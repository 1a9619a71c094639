namespace Command.Silo.Escalation;

/// <summary>
/// 敏感时期: the overlay a sensitive period puts on the rules while it is in force. Each field is optional; what is
/// absent stays as the ordinary rules have it. <see cref="MilestoneFactor"/> shortens every golden-window milestone
/// but the 24-hour written report, a fixed window that a period does not move.
/// </summary>
public sealed record SensitivePeriodRules(
    int? CrowdThreshold,
    IReadOnlyList<CrowdSeverity>? SeverityByCrowd,
    IReadOnlyList<int>? CrowdEscalationSteps,
    double? MilestoneFactor);
