using Command.Silo.Storage;
using Command.Silo.Storage.Redis;
using Command.Silo.Storage.Sqlite;
using Command.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Tests.Storage;

/// <summary>A store that can be "restarted": reopened over the same data, as after a process exit.
/// Redis is the run's private server; each store has a key prefix of its own, and a restart is a new connection.</summary>
public sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly string kind;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "command-store-" + Guid.NewGuid().ToString("N"));
    private readonly string redisPrefix = $"test:{Guid.NewGuid():N}:";
    private readonly MemoryStore memory = new();
    private SqliteStore? sqlite;
    private SqliteTelemetryStore? sqliteTelemetry;
    private RedisConnection? redis;
    private RedisStore? redisStore;
    private RedisTelemetryStore? redisTelemetry;

    public StoreUnderTest(string kind)
    {
        this.kind = kind;
        Open();
    }

    public IEventJournal Journal => kind switch
    {
        "sqlite" => sqlite!,
        "redis" => redisStore!,
        _ => memory,
    };

    public Command.Silo.Storage.IDeadlineTable Reminders => kind switch
    {
        "sqlite" => sqlite!,
        "redis" => redisStore!,
        _ => memory,
    };

    /// <summary>Flushed only when a test says so: the background interval is an hour.</summary>
    public ITelemetryStore Telemetry => kind switch
    {
        "sqlite" => sqliteTelemetry!,
        "redis" => redisTelemetry!,
        _ => memory,
    };

    public async Task RestartAsync()
    {
        await CloseAsync();
        Open();
    }

    private void Open()
    {
        if (kind == "sqlite")
        {
            Directory.CreateDirectory(directory);
            sqlite = new SqliteStore(Path.Combine(directory, "command.db"), NullLogger<SqliteStore>.Instance);
            sqliteTelemetry = new SqliteTelemetryStore(Path.Combine(directory, "telemetry.db"), TimeSpan.FromHours(1), TimeProvider.System, NullLogger<SqliteTelemetryStore>.Instance);
        }
        else if (kind == "redis")
        {
            redis = new RedisConnection(new RedisStorageOptions { Server = RedisServer.Shared.Endpoint, KeyPrefix = redisPrefix }, NullLogger<RedisConnection>.Instance);
            redisStore = new RedisStore(redis);
            redisTelemetry = new RedisTelemetryStore(redis, TimeSpan.FromHours(1), TimeProvider.System, NullLogger<RedisTelemetryStore>.Instance);
        }
    }

    /// <summary>Ends this "process": telemetry flushes what it buffered, as on a clean exit, and connections close.</summary>
    private async Task CloseAsync()
    {
        if (sqlite is not null)
        {
            await sqliteTelemetry!.DisposeAsync();
            await sqlite.DisposeAsync();
        }
        if (redis is not null)
        {
            await redisTelemetry!.DisposeAsync();
            await redis.DisposeAsync();
        }
    }

    public string DatabasePath => Path.Combine(directory, "command.db");

    public string RedisPrefix => redisPrefix;

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
