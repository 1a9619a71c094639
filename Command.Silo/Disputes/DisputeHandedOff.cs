namespace Command.Silo.Disputes;

public sealed record DisputeHandedOff(int Number, string Body, string ReceiverUsername, string ReceiverName, string? Note, DateTimeOffset ReceiptDueAt) : DisputeEvent;
