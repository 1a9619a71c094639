namespace Command.Silo.Storage;

/// <summary>Someone else appended to the stream since this writer read it. Never retried blindly:
/// the writer's view is stale and it must reload.</summary>
public sealed class JournalConflictException(string stream, long expected, long actual)
    : Exception($"Stream {stream} is at version {actual}, not {expected}: another writer appended to it.")
{
    public string Stream { get; } = stream;
}
