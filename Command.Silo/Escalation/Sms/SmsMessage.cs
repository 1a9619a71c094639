namespace Command.Silo.Escalation.Sms;

/// <summary>A text to one leader about one escalation: who, at which number, and what it says.</summary>
public sealed record SmsMessage(string Phone, string? Recipient, string JurisdictionId, string EscalationId, string Text, DateTimeOffset QueuedAt);
