using Command.Abstractions.Jurisdictions;
using Command.Abstractions.Sweeps;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Microsoft.Extensions.Options;

namespace Command.Silo.Sweeps;

/// <summary>
/// Which jurisdictions report (townships and villages), how long their periods are, and where a schedule stands at a
/// moment. Periods are a pure function of the options and the clock, so nothing needs to be stored until something happens.
/// </summary>
public sealed class SweepSchedule(IOptions<SweepOptions> options, IOptions<IncidentOptions> incidents, JurisdictionMap map)
{
    /// <summary>How far back a schedule that was not woken for a long time marks missed periods.</summary>
    public const int MaxCatchUpPeriods = 60;

    public static bool Reports(JurisdictionInfo jurisdiction) => jurisdiction.Level is JurisdictionLevel.Township or JurisdictionLevel.Village;

    public IEnumerable<JurisdictionInfo> Reporting => map.All.Where(Reports);

    public int Days(JurisdictionInfo jurisdiction) =>
        options.Value.Overrides.TryGetValue(jurisdiction.Id, out int days) && days >= 1 ? days
            : Math.Max(1, jurisdiction.Level == JurisdictionLevel.Township ? options.Value.TownshipDays : options.Value.VillageDays);

    public SweepPeriod PeriodAt(JurisdictionInfo jurisdiction, DateTimeOffset at)
    {
        int days = Days(jurisdiction);
        var offset = incidents.Value.LocalUtcOffset;
        var anchor = new DateTimeOffset(options.Value.Anchor.ToDateTime(TimeOnly.MinValue), offset);
        long n = (long)Math.Floor((at - anchor).TotalDays / days);
        var start = anchor.AddDays(n * days);
        return new SweepPeriod(start, start.AddDays(days), days);
    }

    public SweepPeriod Previous(JurisdictionInfo jurisdiction, SweepPeriod period) => PeriodAt(jurisdiction, period.Start.AddTicks(-1));

    /// <summary>The first end of a period, of any schedule, after <paramref name="after"/>.</summary>
    public DateTimeOffset NextDue(DateTimeOffset after) =>
        Reporting.Select(j => PeriodAt(j, after).DueAt).DefaultIfEmpty(after.AddDays(1)).Min();

    public SweepStatus Status(JurisdictionInfo jurisdiction, SweepLedger? ledger, DateTimeOffset now)
    {
        var current = PeriodAt(jurisdiction, now);
        var previous = Previous(jurisdiction, current);
        var periods = ledger?.Periods ?? [];
        var thisOne = periods.FirstOrDefault(p => p.Start == current.Start);
        var lastOne = periods.FirstOrDefault(p => p.Start == previous.Start);
        string state = thisOne?.Report is { } report ? (report.Nil ? "zeroReport" : "reported")
            : lastOne is { OverdueAt: not null, Report: null } ? "overdue"
            : lastOne?.Report is { Late: true } ? "late"
            : "pending";
        var parent = jurisdiction.ParentId is { } parentId ? map.Find(parentId) : null;
        return new SweepStatus(jurisdiction.Id, jurisdiction.Name, jurisdiction.Level == JurisdictionLevel.Township ? "township" : "village",
            parent?.Id, parent?.Name, current.Days, current.Start, current.DueAt, state, SweepTerms.States[state],
            periods.Where(p => p.Report is not null).Select(p => p.Report!).MaxBy(r => r.At), periods.Count(p => p.OverdueAt is not null),
            ledger?.Version ?? 0);
    }
}
