namespace Command.Silo.Cluster;

/// <summary>One flush of a silo's feed: who sent it, its place in that silo's flushes (1, 2, 3…, so a receiver sees
/// a repeat and a gap), and what changed, oldest first.</summary>
public sealed record FeedBatch(string Origin, long Sequence, IReadOnlyList<FeedItem> Items);
