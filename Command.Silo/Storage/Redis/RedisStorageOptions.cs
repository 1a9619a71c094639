namespace Command.Silo.Storage.Redis;

/// <summary>
/// How the silo uses Redis. The server comes from <c>--redis HOST:PORT</c>; the rest from the configuration section
/// <see cref="Section"/> (for example the environment variable <c>Storage__Redis__WaitReplicas=1</c>).
/// </summary>
public sealed class RedisStorageOptions
{
    public const string Section = "Storage:Redis";

    /// <summary>HOST:PORT, optionally followed by StackExchange.Redis settings such as <c>,password=…</c>.</summary>
    public string Server { get; set; } = "127.0.0.1:6379";

    /// <summary>Every key starts with this, so several deployments (or test runs) can share one server.</summary>
    public string KeyPrefix { get; set; } = "command:";

    /// <summary>When above zero, every durable write is followed by <c>WAIT WaitReplicas WaitTimeout</c> and fails
    /// unless that many replicas acknowledged it: the durability of a replica instead of an fsync on the primary.</summary>
    public int WaitReplicas { get; set; }

    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest any call waits for an answer. StackExchange.Redis 1.2.6 never times out an async call
    /// against a server that stopped answering, so the store enforces this itself: a hung Redis must become a
    /// prompt 503, not a request that hangs.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Positions kept per team in the track log, trimmed approximately by XADD MAXLEN ~; 0 keeps all.
    /// Redis holds the track in memory, so a long-running deployment should set it (see the README).</summary>
    public long TrackMaxLength { get; set; }

    /// <summary>How long after its own time a position report can still arrive. The silo sets it from
    /// <c>Dispatch:PositionMaxClockError</c>, past which the position endpoint refuses a fix, so a track read stops
    /// there instead of reading every report that arrived since the window's start; null reads to the end.</summary>
    public TimeSpan? TrackArrivalLimit { get; set; }

    /// <summary>The server from the command line, tuned by the configuration section, checked before anything connects.</summary>
    public static RedisStorageOptions From(string server, IConfiguration configuration)
    {
        var options = new RedisStorageOptions();
        configuration.GetSection(Section).Bind(options);
        // --redis always wins: a stray Server setting in a config file must not point the silo elsewhere.
        options.Server = server;
        options.Validate();
        return options;
    }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Server))
        {
            throw new ArgumentException("--redis needs HOST:PORT.");
        }
        if (WaitReplicas < 0 || TrackMaxLength < 0)
        {
            throw new ArgumentException($"{Section}:WaitReplicas and {Section}:TrackMaxLength cannot be negative.");
        }
        if (WaitTimeout <= TimeSpan.Zero || OperationTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{Section} timeouts must be positive.");
        }
    }
}
