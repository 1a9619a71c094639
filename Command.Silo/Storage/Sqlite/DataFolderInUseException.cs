namespace Command.Silo.Storage.Sqlite;

/// <summary>Another silo holds the SQLite data folder: the start is refused before anything is read or written.</summary>
public sealed class DataFolderInUseException(string dataDirectory, string? holder, Exception inner)
    : Exception($"The data folder {dataDirectory} is in use by another silo{(holder is null ? "" : $" ({holder})")}.", inner)
{
    public string DataDirectory { get; } = dataDirectory;
}
