using Command.Silo.Storage;
using StackExchange.Redis;

namespace Command.Silo.Hosting;

/// <summary>Whether a failed start was the store being out of reach: our own store says so, and Orleans' Redis
/// membership fails the same way before our store is even asked.</summary>
public static class StoreDown
{
    /// <summary>Orleans joins its Redis cluster before our store is asked anything, and a failure there can end the
    /// start as a bare cancellation: so a silo on Redis first checks that it can reach it, and says so plainly.</summary>
    public static async Task ThrowIfRedisUnreachableAsync(SiloOptions silo, IConfiguration configuration)
    {
        if (silo.Storage != StorageKind.Redis)
        {
            return;
        }
        var options = Storage.Redis.RedisStorageOptions.From(silo.Redis, configuration);
        var probe = ConfigurationOptions.Parse(options.Server);
        probe.AbortOnConnectFail = true;
        probe.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        probe.ConnectRetry = 1;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(probe);
        }
        catch (RedisConnectionException ex)
        {
            // The endpoints only: the server setting may carry a password.
            throw new StorageUnavailableException($"Redis unavailable: no connection to {string.Join(", ", probe.EndPoints)} ({ex.FailureType}).", ex);
        }
    }

    /// <summary>What the operator does next, for a start that <see cref="Reason"/> explained.</summary>
    public static string Hint(Exception exception, SiloOptions silo)
    {
        if (Find<Storage.Sqlite.DataFolderInUseException>(exception) is not null)
        {
            return "Stop that silo first, or give this one a folder of its own (--data DIR). Silos that share their data run on Redis (--storage redis).";
        }
        return silo.Storage == StorageKind.Redis
            ? $"Start Redis at {silo.Redis} (or pass --redis HOST:PORT), then start the silo again."
            : "Check that the data folder is readable and writable, then start the silo again.";
    }

    private static T? Find<T>(Exception? exception) where T : Exception => exception switch
    {
        null => null,
        T found => found,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null),
        _ => Find<T>(exception.InnerException),
    };

    public static string? Reason(Exception exception)
    {
        for (Exception? ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case StorageUnavailableException storage:
                    return storage.Message;
                case Storage.Sqlite.DataFolderInUseException inUse:
                    return inUse.Message;
                case RedisConnectionException redis:
                    return $"Redis unavailable: {redis.Message}";
                case AggregateException aggregate when aggregate.InnerExceptions.Select(Reason).FirstOrDefault(r => r is not null) is { } inner:
                    return inner;
            }
        }
        return null;
    }
}
