namespace Command.Silo.Storage.Redis;

/// <summary>
/// The key layout, all under one prefix P (default "command:"):
/// <list type="bullet">
/// <item><c>P stream:{name}</c> hash: <c>version</c>, and <c>snapshot_version</c> + <c>snapshot</c> once a snapshot was written;</item>
/// <item><c>P events:{name}</c> Redis Stream: one entry per event, ID <c>{seq}-0</c>, fields at, kind, actor, data;</item>
/// <item><c>P streams</c> sorted set of stream names, all at score 0, so ZRANGEBYLEX lists a prefix in order;</item>
/// <item><c>P reminders</c> hash: field <c>["grain","name"]</c>, value the reminder as JSON;</item>
/// <item><c>P positions</c> hash: team → latest position as JSON;</item>
/// <item><c>P track:{team}</c> Redis Stream: every position report in arrival order, field p;</item>
/// <item><c>P feed-log</c> Redis Stream: the read models' changes between silos, one entry per flush, field b, about
/// five minutes of them (see Cluster.RedisClusterFeed);</item>
/// <item><c>P feed</c> pub/sub channel: a wake-up carrying the sender's origin, sent after each append to the feed log.</item>
/// </list>
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public string Head(string stream) => Prefix + "stream:" + stream;

    public string Events(string stream) => Prefix + "events:" + stream;

    public string StreamIndex => Prefix + "streams";

    public string Reminders => Prefix + "reminders";

    public string Positions => Prefix + "positions";

    public string Track(string teamId) => Prefix + "track:" + teamId;

    public string Feed => Prefix + "feed";

    public string FeedLog => Prefix + "feed-log";
}
