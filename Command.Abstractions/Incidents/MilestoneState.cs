using Orleans;
namespace Command.Abstractions.Incidents;

[GenerateSerializer]
public enum MilestoneState
{
    Pending,
    Met,
    Breached,
}
