namespace Command.Silo.Hosting;

public enum StorageKind
{
    Sqlite,
    Redis,
    Memory,
}
