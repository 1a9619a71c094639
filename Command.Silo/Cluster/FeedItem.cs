using System.Text.Json;

namespace Command.Silo.Cluster;

/// <summary>One change in a <see cref="FeedBatch"/>: its kind (<see cref="FeedKinds"/>) and the new value.</summary>
public sealed record FeedItem(string Kind, JsonElement Value);
