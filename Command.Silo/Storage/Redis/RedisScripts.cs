namespace Command.Silo.Storage.Redis;

/// <summary>
/// The Lua the store runs. A script runs alone on the server, so a check and the writes that depend on it cannot
/// be interleaved with another client's; and StackExchange.Redis 1.2.6 has no wrappers for stream commands
/// (XADD, XRANGE), which scripts reach. Every script does all of its checks before its first write, so a refused
/// call has written nothing (Redis does not roll a script back).
/// Every silo of the cluster writes: a grain lives on one silo at a time, and the journal's version check keeps a silo
/// that lost a grain (frozen past its death, say) from writing over what the grain's new home wrote since.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// One journal append. KEYS: head hash, events stream, stream index. ARGV: stream name,
    /// expected version, new version, snapshot version ('' for none), snapshot state, then seq, at, kind, actor, data
    /// per entry. The version check, the events, the new version, the snapshot and the index entry land together or
    /// not at all. XADD with the explicit ID seq-0 is a second guard: Redis refuses an ID that does not follow the last one.
    /// </summary>
    public const string Append = """
        local actual = redis.call('HGET', KEYS[1], 'version') or '0'
        if actual ~= ARGV[2] then
          return redis.error_reply('CONFLICT ' .. actual)
        end
        for i = 6, #ARGV, 5 do
          redis.call('XADD', KEYS[2], ARGV[i] .. '-0', 'at', ARGV[i + 1], 'kind', ARGV[i + 2], 'actor', ARGV[i + 3], 'data', ARGV[i + 4])
        end
        if ARGV[4] == '' then
          redis.call('HSET', KEYS[1], 'version', ARGV[3])
        else
          redis.call('HSET', KEYS[1], 'version', ARGV[3], 'snapshot_version', ARGV[4], 'snapshot', ARGV[5])
        end
        redis.call('ZADD', KEYS[3], 0, ARGV[1])
        return ARGV[3]
        """;

    /// <summary>Reads a page of a Redis Stream (events or a track). KEYS: the stream. ARGV: first ID, page size, last ID
    /// ('+' for the end).</summary>
    public const string Range = """
        return redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[3], 'COUNT', ARGV[2])
        """;

    /// <summary>Stores a reminder. KEYS: reminders hash. ARGV: field, reminder JSON.</summary>
    public const string UpsertReminder = """
        return redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        """;

    /// <summary>
    /// Deletes a reminder; with a due time, only if it is still due at that instant, so one its grain re-registered
    /// while the old one was being delivered survives. KEYS: reminders hash. ARGV: field, due time
    /// as UTC ticks or '' for any (a string: Lua numbers are doubles and would round them).
    /// </summary>
    public const string DeleteReminder = """
        if ARGV[2] ~= '' then
          local stored = redis.call('HGET', KEYS[1], ARGV[1])
          if not stored or cjson.decode(stored)['dueTicks'] ~= ARGV[2] then
            return 0
          end
        end
        return redis.call('HDEL', KEYS[1], ARGV[1])
        """;

    /// <summary>
    /// One telemetry batch. KEYS: positions hash, then one track stream per report. ARGV: number
    /// of latest positions L, track max length ('0' keeps all), L pairs of team and position JSON, then one position
    /// JSON per track key.
    /// </summary>
    public const string FlushTelemetry = """
        local latest = tonumber(ARGV[1])
        local maxlen = ARGV[2]
        for i = 1, latest do
          redis.call('HSET', KEYS[1], ARGV[1 + 2 * i], ARGV[2 + 2 * i])
        end
        local base = 2 + 2 * latest
        for i = 2, #KEYS do
          if maxlen == '0' then
            redis.call('XADD', KEYS[i], '*', 'p', ARGV[base + i - 1])
          else
            redis.call('XADD', KEYS[i], 'MAXLEN', '~', maxlen, '*', 'p', ARGV[base + i - 1])
          end
        end
        return #KEYS - 1
        """;
}
