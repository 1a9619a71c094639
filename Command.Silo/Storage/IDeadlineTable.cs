namespace Command.Silo.Storage;

/// <summary>Durable timed rows per grain: the grains' deadlines, and under <see cref="GrainReminderTable"/>'s prefix
/// the Orleans reminders that wake those grains.</summary>
public interface IDeadlineTable
{
    Task<IReadOnlyList<DeadlineEntry>> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>The rows of one grain.</summary>
    async Task<IReadOnlyList<DeadlineEntry>> ReadAsync(string grainId, CancellationToken cancellationToken = default) =>
        [.. (await ReadAllAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.GrainId == grainId)];

    /// <summary>Durable when it completes.</summary>
    Task UpsertAsync(DeadlineEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Deletes the row only if it is still due at <paramref name="dueAt"/>, so a deadline that its
    /// grain moved while it was being handled survives. Null deletes unconditionally.</summary>
    Task DeleteAsync(string grainId, string name, DateTimeOffset? dueAt, CancellationToken cancellationToken = default);
}
