namespace Command.Silo.Disputes;

/// <summary>签收 did not come by the deadline; <see cref="LateSeconds"/> is how late it was taken (a silo that was
/// down takes it when it comes back).</summary>
public sealed record DisputeReceiptOverdue(int Number, DateTimeOffset DueAt, double LateSeconds) : DisputeEvent;
