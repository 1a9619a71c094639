using Command.Abstractions.Runtime;
using Command.Silo.Storage;

namespace Command.Silo.Runtime;

/// <summary>The services a grain reaches through its base class.</summary>
internal sealed class GrainRuntime(GrainCatalog catalog, IGrainFactory factory, ReminderService reminders, IEventJournal journal, TimeProvider time)
{
    public GrainCatalog Catalog { get; } = catalog;
    public IGrainFactory Factory { get; } = factory;
    public ReminderService Reminders { get; } = reminders;
    public IEventJournal Journal { get; } = journal;
    public TimeProvider Time { get; } = time;
}
