using Command.Silo.Storage;
using StackExchange.Redis;

namespace Command.Silo.Hosting;

/// <summary>Whether a failed start was the store being out of reach: our own store says so, and Orleans' Redis
/// membership fails the same way before our store is even asked.</summary>
public static class StoreDown
{
    public static string? Reason(Exception exception)
    {
        for (Exception? ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case StorageUnavailableException storage:
                    return storage.Message;
                case RedisConnectionException redis:
                    return $"Redis unavailable: {redis.Message}";
                case AggregateException aggregate when aggregate.InnerExceptions.Select(Reason).FirstOrDefault(r => r is not null) is { } inner:
                    return inner;
            }
        }
        return null;
    }
}
