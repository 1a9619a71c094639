namespace Command.Silo.Storage;

/// <summary>One backing store for everything durable: the journal, reminders and telemetry.</summary>
public interface IStorageProvider : IAsyncDisposable
{
    string Name { get; }

    IEventJournal Journal { get; }

    IDeadlineTable Reminders { get; }

    ITelemetryStore Telemetry { get; }

    /// <summary>Whether this silo may write, when several share the store (see <see cref="IStorageLease"/>).</summary>
    IStorageLease Lease { get; }
}
