using System.Collections.Immutable;

namespace Command.Silo.SensitivePeriods;

public sealed record SensitivePeriodState(ImmutableList<SensitivePeriodRecord> Periods)
{
    public static SensitivePeriodState Empty { get; } = new([]);

    public SensitivePeriodState Apply(SensitivePeriodEvent @event, Runtime.EventMeta meta) => @event switch
    {
        SensitivePeriodDeclared d => this with { Periods = Periods.Add(new SensitivePeriodRecord(d.PeriodId, d.Declaration, meta.Actor, meta.At)) },
        SensitivePeriodEnded e => Update(e.PeriodId, p => p with { EndedAt = meta.At, EndedBy = meta.Actor }),
        SensitivePeriodStarted s => Update(s.PeriodId, p => p with { Started = true }),
        SensitivePeriodLapsed l => Update(l.PeriodId, p => p with { Lapsed = true }),
        _ => this,
    };

    private SensitivePeriodState Update(string id, Func<SensitivePeriodRecord, SensitivePeriodRecord> change)
    {
        int index = Periods.FindIndex(p => p.Id == id);
        return index < 0 ? this : this with { Periods = Periods.SetItem(index, change(Periods[index])) };
    }
}
