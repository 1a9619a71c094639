namespace Command.Silo.Storage;

/// <summary>One backing store for everything durable: the journal, reminders and telemetry.</summary>
public interface IStorageProvider : IAsyncDisposable
{
    string Name { get; }

    IEventJournal Journal { get; }

    IDeadlineTable Reminders { get; }

    ITelemetryStore Telemetry { get; }
}
