namespace Command.Silo.Access;

public sealed record UserDisabledChanged(bool Disabled) : UserEvent;
