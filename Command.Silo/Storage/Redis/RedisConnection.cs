using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace Command.Silo.Storage.Redis;

/// <summary>
/// The silo's one connection to Redis, shared by the journal, the reminders and the telemetry. Every call goes
/// through <see cref="RunAsync{T}"/>, which bounds how long it may take and turns every way Redis can be out of
/// reach into <see cref="StorageUnavailableException"/>, so the host answers 503 and never hangs. The multiplexer
/// reconnects by itself (AbortOnConnectFail=false): once Redis is back, the next call succeeds without a restart.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConnectionMultiplexer multiplexer;
    private readonly IDatabase database;
    private readonly string endpoint;
    private readonly ILogger logger;
    private int disposed;

    public RedisConnection(RedisStorageOptions options, ILogger<RedisConnection> logger)
    {
        options.Validate();
        Options = options;
        Keys = new RedisKeys(options.KeyPrefix);
        this.logger = logger;
        var configuration = ConfigurationOptions.Parse(options.Server);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.ReconnectRetryPolicy = new LinearRetry(1000);
        configuration.ClientName ??= "command-silo";
        // The store never uses pub/sub; without SUBSCRIBE the multiplexer opens no second connection to watch.
        configuration.CommandMap = CommandMap.Create(new HashSet<string> { "SUBSCRIBE" }, available: false);
        configuration.ConfigurationChannel = "";
        endpoint = string.Join(", ", configuration.EndPoints.Select(e => e is DnsEndPoint dns ? $"{dns.Host}:{dns.Port}" : e.ToString()));
        multiplexer = ConnectionMultiplexer.Connect(configuration);
        // In 1.x, completions otherwise run one by one on the multiplexer's own thread, so anything that blocks in a
        // continuation (Data Protection reads its key ring synchronously) stalls every Redis call behind it.
        multiplexer.ConnectionFailed += (_, e) =>
            logger.LogWarning("Redis connection to {Endpoint} lost ({Failure}); calls answer 503 until it is back", e.EndPoint, e.FailureType);
        multiplexer.ConnectionRestored += (_, e) => logger.LogInformation("Redis connection to {Endpoint} restored", e.EndPoint);
        database = multiplexer.GetDatabase();
        if (!multiplexer.IsConnected)
        {
            logger.LogWarning("Redis at {Endpoint} is not reachable yet; retrying in the background", endpoint);
        }
    }

    public RedisStorageOptions Options { get; }

    public RedisKeys Keys { get; }

    /// <summary>Runs one Redis call (or a pipelined group of them) within <see cref="RedisStorageOptions.OperationTimeout"/>.</summary>
    public Task<T> RunAsync<T>(Func<IDatabase, Task<T>> call, CancellationToken cancellationToken = default) =>
        RunAsync(call, Options.OperationTimeout, cancellationToken);

    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task<T>? task = null;
        try
        {
            task = call(database);
            // Network time, not domain time: the silo's TimeProvider may be a test's fake clock that never advances.
            return await task.WaitAsync(timeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Unavailable(ex, timeout, cancellationToken) is { } unavailable)
        {
            // A call abandoned on timeout may still fail later; observe it so it is not an unobserved task exception.
            _ = task?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw unavailable;
        }
    }

    public Task RunAsync(Func<IDatabase, Task> call, CancellationToken cancellationToken = default) =>
        RunAsync(async db =>
        {
            await call(db).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// With <see cref="RedisStorageOptions.WaitReplicas"/> set, waits until that many replicas hold every write this
    /// connection sent so far. WAIT cannot run inside a script, so it follows the write on the same connection.
    /// </summary>
    public async Task WaitForReplicasAsync(CancellationToken cancellationToken)
    {
        int wanted = Options.WaitReplicas;
        if (wanted == 0)
        {
            return;
        }
        // WAIT itself may take WaitTimeout to answer, so the call gets that on top of the usual bound.
        long acknowledged = (long)await RunAsync(db => db.ExecuteAsync("WAIT", wanted, (long)Options.WaitTimeout.TotalMilliseconds),
            Options.OperationTimeout + Options.WaitTimeout, cancellationToken).ConfigureAwait(false);
        if (acknowledged < wanted)
        {
            // The primary has the write but it is not yet as durable as configured: the caller must not be told it is.
            throw new StorageUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"Redis unavailable: only {acknowledged} of {wanted} replicas acknowledged the write within {Options.WaitTimeout.TotalMilliseconds:0} ms."));
        }
    }

    private StorageUnavailableException? Unavailable(Exception ex, TimeSpan timeout, CancellationToken cancellationToken) => ex switch
    {
        StorageUnavailableException s => s,
        // StackExchange.Redis 2.x cancels a call in flight when its connection is reset under it (seen while a replica
        // attached to the primary); only the caller's own cancellation is a cancellation, this one is an outage.
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new($"Redis unavailable: the call to {endpoint} was cut off (the connection was reset).", ex),
        RedisConnectionException c => new($"Redis unavailable: no connection to {endpoint} ({c.FailureType}).", ex),
        TimeoutException => new(string.Create(CultureInfo.InvariantCulture,
            $"Redis unavailable: {endpoint} did not answer within {timeout.TotalSeconds:0.#} s."), ex),
        RedisServerException s when IsOutOfService(s.Message) => new($"Redis unavailable: {s.Message}", ex),
        ObjectDisposedException => new("Redis unavailable: the connection is closed.", ex),
        // StackExchange.Redis 2.x lets a connection torn down under a call surface as its pipe's own error.
        InvalidOperationException when ex.Source == "System.IO.Pipelines" => new($"Redis unavailable: the connection to {endpoint} was reset.", ex),
        _ => null,
    };

    /// <summary>Errors that say the server cannot serve right now (loading its data after a restart, out of memory,
    /// a replica, a failing disk), as opposed to a bad command, which is a bug and stays a 500.</summary>
    private static bool IsOutOfService(string message) =>
        message.StartsWith("LOADING", StringComparison.Ordinal) || message.StartsWith("BUSY", StringComparison.Ordinal) ||
        message.StartsWith("MASTERDOWN", StringComparison.Ordinal) || message.StartsWith("READONLY", StringComparison.Ordinal) ||
        message.StartsWith("OOM", StringComparison.Ordinal) || message.StartsWith("MISCONF", StringComparison.Ordinal) ||
        message.StartsWith("NOREPLICAS", StringComparison.Ordinal) || message.StartsWith("TRYAGAIN", StringComparison.Ordinal) ||
        message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        try
        {
            await multiplexer.CloseAsync(allowCommandsToComplete: true).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Closing the Redis connection failed");
        }
        multiplexer.Dispose();
    }
}
