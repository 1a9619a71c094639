namespace Command.Silo.Storage.Redis;

/// <summary>
/// <c>--storage redis</c>: the journal, snapshots and reminders (<see cref="RedisStore"/>) and the telemetry
/// (<see cref="RedisTelemetryStore"/>) on one Redis server, over one shared connection.
/// </summary>
public sealed class RedisStorageProvider : IStorageProvider
{
    /// <summary>The same cadence as SQLite's telemetry: positions reach Redis once a second, in batches.</summary>
    public static readonly TimeSpan TelemetryFlushInterval = TimeSpan.FromSeconds(1);

    private readonly RedisConnection connection;
    private readonly RedisStore store;
    private readonly RedisTelemetryStore telemetry;

    public RedisStorageProvider(RedisStorageOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        connection = new RedisConnection(options, loggers.CreateLogger<RedisConnection>());
        store = new RedisStore(connection);
        telemetry = new RedisTelemetryStore(connection, TelemetryFlushInterval, time, loggers.CreateLogger<RedisTelemetryStore>());
    }

    public string Name => "redis";
    public IEventJournal Journal => store;
    public IDeadlineTable Reminders => store;
    public ITelemetryStore Telemetry => telemetry;

    public async ValueTask DisposeAsync()
    {
        // Telemetry first: its last flush needs the connection.
        await telemetry.DisposeAsync();
        await connection.DisposeAsync();
    }
}
