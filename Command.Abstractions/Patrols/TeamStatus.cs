using Orleans;
namespace Command.Abstractions.Patrols;

[GenerateSerializer]
public enum TeamStatus
{
    Available,
    Dispatched,
    EnRoute,
    OnScene,
    Returning,
    OffDuty,
}
