using System.Collections.Immutable;
using Command.Abstractions.Sweeps;
using Command.Silo.Runtime;

namespace Command.Silo.Sweeps;

public sealed record SweepState(DateTimeOffset? Since)
{
    public static SweepState Empty { get; } = new((DateTimeOffset?)null);

    /// <summary>Oldest first.</summary>
    public ImmutableList<SweepPeriodRecord> Periods { get; init; } = [];

    public SweepPeriodRecord? Find(DateTimeOffset start) => Periods.FirstOrDefault(p => p.Start == start);

    public SweepState Apply(SweepEvent @event, EventMeta meta) => @event switch
    {
        SweepStarted s => this with { Since = s.Since },
        SweepReported r => Change(r.PeriodStart, r.DueAt, p => p with
        {
            Report = new SweepReport(meta.At, meta.Actor, r.Nil, r.Found, r.Text, r.DisputeIds, r.Late),
        }),
        SweepOverdue o => Change(o.PeriodStart, o.DueAt, p => p with { OverdueAt = meta.At }),
        SweepEscalated e => Change(e.PeriodStart, e.PeriodStart, p => p with { EscalatedTo = e.ParentId, EscalatedToName = e.ParentName }),
        _ => this,
    };

    private SweepState Change(DateTimeOffset start, DateTimeOffset dueAt, Func<SweepPeriodRecord, SweepPeriodRecord> change)
    {
        if (Find(start) is { } existing)
        {
            return this with { Periods = Periods.Replace(existing, change(existing)) };
        }
        var added = change(new SweepPeriodRecord(start, dueAt, null, null, null, null));
        return this with { Periods = [.. Periods.Add(added).OrderBy(p => p.Start)] };
    }

    public SweepLedger ToLedger(string id, long version) => new(id, Since, Periods, version);
}
