namespace Command.Abstractions.Patrols;

public enum TeamStatus
{
    Available,
    Dispatched,
    EnRoute,
    OnScene,
    Returning,
    OffDuty,
}
