using Command.Abstractions.FollowUps;

namespace Command.Silo.FollowUps;

public sealed record FollowUpOpened(FollowUpOpening Opening) : FollowUpEvent;
