namespace Command.Silo.Cluster;

/// <summary>One flush of a silo's feed: who sent it and what changed, oldest first.</summary>
public sealed record FeedBatch(string Origin, IReadOnlyList<FeedItem> Items);
