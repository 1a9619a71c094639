namespace Command.Silo.Storage;

/// <summary>A durable reminder. <see cref="Period"/> null means it fires once and is then removed.</summary>
public sealed record DeadlineEntry(string GrainId, string Name, DateTimeOffset DueAt, TimeSpan? Period);
