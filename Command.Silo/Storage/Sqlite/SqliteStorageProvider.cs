namespace Command.Silo.Storage.Sqlite;

/// <summary>command.db holds the journal and reminders (synchronous=FULL); telemetry.db the positions (batched); the
/// folder is locked to this silo for as long as it runs (<see cref="DataFolderLock"/>).</summary>
public sealed class SqliteStorageProvider : IStorageProvider
{
    public static readonly TimeSpan TelemetryFlushInterval = TimeSpan.FromSeconds(1);
    private readonly SqliteStore store;
    private readonly SqliteTelemetryStore telemetry;
    private readonly DataFolderLock folderLock;

    public SqliteStorageProvider(string dataDirectory, TimeProvider time, ILoggerFactory loggers)
    {
        Directory.CreateDirectory(dataDirectory);
        folderLock = DataFolderLock.Take(dataDirectory, time);
        try
        {
            store = new SqliteStore(Path.Combine(dataDirectory, "command.db"), loggers.CreateLogger<SqliteStore>());
            telemetry = new SqliteTelemetryStore(Path.Combine(dataDirectory, "telemetry.db"), TelemetryFlushInterval, time, loggers.CreateLogger<SqliteTelemetryStore>());
        }
        catch
        {
            // A store that failed to open leaves the folder free for the start that follows the operator's fix.
            folderLock.Dispose();
            throw;
        }
    }

    public string Name => "sqlite";
    public IEventJournal Journal => store;
    public IDeadlineTable Reminders => store;
    public ITelemetryStore Telemetry => telemetry;

    public async ValueTask DisposeAsync()
    {
        await telemetry.DisposeAsync();
        await store.DisposeAsync();
        folderLock.Dispose();
    }
}
