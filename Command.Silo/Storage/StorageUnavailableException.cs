namespace Command.Silo.Storage;

/// <summary>The store cannot take or serve data right now (disk full, file locked, server gone).
/// Nothing was half-written; the host answers 503. It crosses grain calls, so it carries its own serializer.</summary>
[GenerateSerializer]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
