using Command.Abstractions.Access;

namespace Command.Silo.Access;

public sealed record UserRecorded(UserView User) : UserDirectoryEvent;
