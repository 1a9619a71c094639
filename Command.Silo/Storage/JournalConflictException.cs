namespace Command.Silo.Storage;

/// <summary>Someone else appended to the stream since this writer read it. Never retried blindly:
/// the writer's view is stale and it must reload.</summary>
[GenerateSerializer]
public sealed class JournalConflictException : Exception
{
    public JournalConflictException(string stream, long expected, long actual)
        : base($"Stream {stream} is at version {actual}, not {expected}: another writer appended to it.") => Stream = stream;

    [Id(0)]
    public string Stream { get; private set; }
}
