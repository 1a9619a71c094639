using Orleans;

namespace Command.Abstractions.Access;

/// <summary>One day (UTC) of the append-only audit journal, keyed "yyyy-MM-dd".</summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    Task Append(IReadOnlyList<AuditEntry> entries);

    /// <summary>The day's entries in the order they were written.</summary>
    Task<IReadOnlyList<AuditEntry>> Read();
}
