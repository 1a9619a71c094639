namespace Command.Silo.Storage.Redis;

/// <summary>
/// The Lua the store runs. A script runs alone on the server, so a check and the writes that depend on it cannot
/// be interleaved with another client's; and StackExchange.Redis 1.2.6 has no wrappers for stream commands
/// (XADD, XRANGE), which scripts reach. Every script does all of its checks before its first write, so a refused
/// call has written nothing (Redis does not roll a script back).
/// Every write script starts with <see cref="Fence"/>: KEYS[1] is the lease key and ARGV[1] the writer's lease token,
/// so a silo that lost the lease (see <see cref="RedisLease"/>) cannot write one more byte, whatever it believes.
/// </summary>
internal static class RedisScripts
{
    /// <summary>Refuses the write unless the caller holds the lease; an empty token is a connection without a lease
    /// (a bare store in the storage tests), which is not fenced.</summary>
    private const string Fence = """
        if ARGV[1] ~= '' then
          local holder = redis.call('GET', KEYS[1])
          if holder ~= ARGV[1] then
            return redis.error_reply('FENCED ' .. (holder or 'nobody'))
          end
        end

        """;

    /// <summary>
    /// One journal append. KEYS: lease, head hash, events stream, stream index. ARGV: lease token, stream name,
    /// expected version, new version, snapshot version ('' for none), snapshot state, then seq, at, kind, actor, data
    /// per entry. The version check, the events, the new version, the snapshot and the index entry land together or
    /// not at all. XADD with the explicit ID seq-0 is a second guard: Redis refuses an ID that does not follow the last one.
    /// </summary>
    public const string Append = Fence + """
        local actual = redis.call('HGET', KEYS[2], 'version') or '0'
        if actual ~= ARGV[3] then
          return redis.error_reply('CONFLICT ' .. actual)
        end
        for i = 7, #ARGV, 5 do
          redis.call('XADD', KEYS[3], ARGV[i] .. '-0', 'at', ARGV[i + 1], 'kind', ARGV[i + 2], 'actor', ARGV[i + 3], 'data', ARGV[i + 4])
        end
        if ARGV[5] == '' then
          redis.call('HSET', KEYS[2], 'version', ARGV[4])
        else
          redis.call('HSET', KEYS[2], 'version', ARGV[4], 'snapshot_version', ARGV[5], 'snapshot', ARGV[6])
        end
        redis.call('ZADD', KEYS[4], 0, ARGV[2])
        return ARGV[4]
        """;

    /// <summary>Reads a page of a Redis Stream (events or a track). KEYS: the stream. ARGV: first ID, page size.</summary>
    public const string Range = """
        return redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])
        """;

    /// <summary>Stores a reminder. KEYS: lease, reminders hash. ARGV: lease token, field, reminder JSON.</summary>
    public const string UpsertReminder = Fence + """
        return redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
        """;

    /// <summary>
    /// Deletes a reminder; with a due time, only if it is still due at that instant, so one its grain re-registered
    /// while the old one was being delivered survives. KEYS: lease, reminders hash. ARGV: lease token, field, due time
    /// as UTC ticks or '' for any (a string: Lua numbers are doubles and would round them).
    /// </summary>
    public const string DeleteReminder = Fence + """
        if ARGV[3] ~= '' then
          local stored = redis.call('HGET', KEYS[2], ARGV[2])
          if not stored or cjson.decode(stored)['dueTicks'] ~= ARGV[3] then
            return 0
          end
        end
        return redis.call('HDEL', KEYS[2], ARGV[2])
        """;

    /// <summary>
    /// One telemetry batch. KEYS: lease, positions hash, then one track stream per report. ARGV: lease token, number
    /// of latest positions L, track max length ('0' keeps all), L pairs of team and position JSON, then one position
    /// JSON per track key.
    /// </summary>
    public const string FlushTelemetry = Fence + """
        local latest = tonumber(ARGV[2])
        local maxlen = ARGV[3]
        for i = 1, latest do
          redis.call('HSET', KEYS[2], ARGV[2 + 2 * i], ARGV[3 + 2 * i])
        end
        local base = 3 + 2 * latest
        for i = 3, #KEYS do
          if maxlen == '0' then
            redis.call('XADD', KEYS[i], '*', 'p', ARGV[base + i - 2])
          else
            redis.call('XADD', KEYS[i], 'MAXLEN', '~', maxlen, '*', 'p', ARGV[base + i - 2])
          end
        end
        return #KEYS - 2
        """;

    /// <summary>
    /// Takes the lease if nobody holds it (or the caller already does). KEYS: lease, epoch. ARGV: token, TTL in ms.
    /// Answers {1, epoch} when taken, each taking counting one epoch up; {0, holder, milliseconds it still runs} when
    /// another silo holds it.
    /// </summary>
    public const string AcquireLease = """
        local holder = redis.call('GET', KEYS[1])
        if holder == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return {1, redis.call('GET', KEYS[2]) or '0'}
        end
        if holder then
          return {0, holder, redis.call('PTTL', KEYS[1])}
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return {1, tostring(redis.call('INCR', KEYS[2]))}
        """;

    /// <summary>
    /// Extends the caller's lease. KEYS: lease, epoch. ARGV: token, TTL in ms, the epoch the caller took it in.
    /// A lease that lapsed (Redis was away longer than the TTL) is taken back only if no other silo took it in between
    /// (the epoch is unchanged): then nobody else can have written, so the caller's state is still the truth.
    /// Answers 1 while the caller holds it, 0 once it is lost.
    /// </summary>
    public const string RenewLease = """
        local holder = redis.call('GET', KEYS[1])
        if holder == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        if not holder and redis.call('GET', KEYS[2]) == ARGV[3] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        return 0
        """;

    /// <summary>Gives the lease up on a clean stop, so the standby need not wait for the TTL. KEYS: lease. ARGV: token.</summary>
    public const string ReleaseLease = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;
}
