namespace Command.Silo.Storage;

public sealed class MemoryStorageProvider(MemoryStore? store = null) : IStorageProvider
{
    private readonly MemoryStore store = store ?? new MemoryStore();

    public string Name => "memory";
    public IEventJournal Journal => store;
    public IDeadlineTable Reminders => store;
    public ITelemetryStore Telemetry => store;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
