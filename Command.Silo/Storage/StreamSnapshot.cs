namespace Command.Silo.Storage;

/// <summary>A grain's state as JSON after <see cref="Version"/> events; replay continues after it.</summary>
public sealed record StreamSnapshot(string Stream, long Version, string State);
