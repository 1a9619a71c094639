namespace Command.Abstractions.Statistics;

/// <summary>
/// A 一票否决 risk: <see cref="Kind"/> is majorMassIncident (a mass incident of severity I or II), reportLate (a severity
/// I/II case whose 24-hour written report came after it was due) or reportMissing (due and never submitted).
/// <see cref="Title"/> says the same in Chinese.
/// </summary>
public sealed record VetoFlag(string Kind, string Title, string IncidentId, string Number, DateTimeOffset ReceivedAt);
