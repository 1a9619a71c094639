namespace Command.Abstractions.Incidents;

public enum MilestoneState
{
    Pending,
    Met,
    Breached,
}
