using Command.Abstractions.Access;
using Command.Silo.Runtime;

namespace Command.Silo.Access;

/// <summary>
/// One day of the audit journal. Its state is only a count: the entries live in the journal, whose store refuses
/// to change or delete what was written, and reading them back is reading the journal.
/// </summary>
[GrainType("audit")]
public sealed class AuditLogGrain : JournaledGrain<AuditLogGrain.Counter, AuditEvent>, IAuditLogGrain
{
    protected override Counter InitialState => new(0);

    protected override Counter Apply(Counter state, AuditEvent @event, EventMeta meta) => @event switch
    {
        AuditRecorded r => new Counter(state.Entries + r.Entries.Count),
        _ => state,
    };

    public async Task Append(IReadOnlyList<AuditEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }
        RaiseEvent(new AuditRecorded(entries), "audit");
        await ConfirmEvents();
    }

    public async Task<IReadOnlyList<AuditEntry>> Read()
    {
        var journal = await ReadJournal();
        return [.. journal.Select(e => EventCodec<AuditEvent>.Deserialize(e.Kind, e.Data)).OfType<AuditRecorded>().SelectMany(r => r.Entries)];
    }

    public sealed record Counter(long Entries);
}
