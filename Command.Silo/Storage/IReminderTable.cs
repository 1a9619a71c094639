namespace Command.Silo.Storage;

public interface IReminderTable
{
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Durable when it completes.</summary>
    Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Deletes the reminder only if it is still due at <paramref name="dueAt"/>, so a reminder that its
    /// grain re-registered while it was being delivered survives. Null deletes unconditionally.</summary>
    Task DeleteAsync(string grainId, string name, DateTimeOffset? dueAt, CancellationToken cancellationToken = default);
}
