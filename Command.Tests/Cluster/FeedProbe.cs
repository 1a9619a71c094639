namespace Command.Tests.Cluster;

/// <summary>A value that travels on the cluster feed in its tests, numbered so order and loss show.</summary>
public sealed record FeedProbe(int Number);
