namespace Command.Silo.Storage;

/// <summary>The store cannot take or serve data right now (disk full, file locked, server gone).
/// Nothing was half-written; the host answers 503.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
