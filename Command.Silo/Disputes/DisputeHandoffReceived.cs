namespace Command.Silo.Disputes;

/// <summary>签收 by the receiver.</summary>
public sealed record DisputeHandoffReceived(int Number) : DisputeEvent;
