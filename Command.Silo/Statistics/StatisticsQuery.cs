using System.Text.Json;
using Command.Abstractions.Incidents;
using Command.Abstractions.Statistics;
using Command.Silo.Incidents;
using Microsoft.Extensions.Options;

namespace Command.Silo.Statistics;

/// <summary>
/// The statistics and the 考核 scorecard of one jurisdiction and period, computed in one pass over the case facts: a
/// case counts when it was received in [from, to) and its jurisdiction is the one asked for or lies below it; each
/// case also counts for the child of that jurisdiction it lies in.
/// </summary>
public sealed class StatisticsQuery(CaseFacts facts, IOptions<IncidentOptions> options, TimeProvider time)
{
    /// <summary>Hot spots listed at most, the most cases first.</summary>
    public const int RepeatPlacesShown = 50;

    private JurisdictionTree Tree => facts.Tree;

    public StatisticsReport Report(string jurisdictionId, DateTimeOffset from, DateTimeOffset to)
    {
        var (own, children) = Run(jurisdictionId, from, to);
        var offset = options.Value.LocalUtcOffset;
        var node = Tree[own.Jurisdiction];
        var (dispatchMedian, dispatchP90) = Percentiles.MedianAndP90(own.Dispatch);
        var (arrivalMedian, arrivalP90) = Percentiles.MedianAndP90(own.Arrival);
        var (ackMedian, ackP90) = Percentiles.MedianAndP90(own.Acknowledgement);
        var cases = new CaseCounts(
            own.Total,
            Tally.Channels.Select((c, i) => (Key: ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture), Count: own.ByChannel[i])).ToDictionary(x => x.Key, x => x.Count),
            Tally.Types.ToDictionary(TypeName, t => own.ByType[(int)t]),
            Enumerable.Range(1, 4).ToDictionary(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture), s => own.BySeverity[s]),
            own.ByHour);
        var places = own.HotSpots(facts.Rules.RepeatedCount)
            .OrderByDescending(p => p.Value.Count).ThenByDescending(p => p.Value.LastAt).ThenBy(p => Tree[p.Key.Village].Id, StringComparer.Ordinal)
            .Take(RepeatPlacesShown)
            .Select(p => new RepeatPlace(Tree[p.Key.Village].Id, Tree[p.Key.Village].Name, TownshipOf(p.Key.Village), p.Key.Cause, p.Value.Count, p.Value.LastAt))
            .ToList();
        return new StatisticsReport(node.Id, node.Name, node.Level, from.ToOffset(offset), to.ToOffset(offset), cases,
            new DispatchFigures(own.Dispatch.Count, dispatchMedian, dispatchP90, own.Overdue),
            new ArrivalFigures(own.Arrival.Count, arrivalMedian, arrivalP90),
            new GoldenWindowFigures(own.MassIncidents, own.Milestones, own.Breaches),
            new EscalationFigures(own.Raised, own.Acknowledged, own.Raised - own.Acknowledged, ackMedian, ackP90),
            places,
            [.. children.Select(c =>
            {
                var child = Tree[c.Jurisdiction];
                return new ChildFigures(child.Id, child.Name, child.Level, c.Total, Percentiles.MedianAndP90(c.Dispatch).Median,
                    Percentiles.MedianAndP90(c.Arrival).Median, c.Overdue, c.Breaches);
            })]);
    }

    public Scorecard Scorecard(string jurisdictionId, DateTimeOffset from, DateTimeOffset to)
    {
        var (own, children) = Run(jurisdictionId, from, to);
        var offset = options.Value.LocalUtcOffset;
        var node = Tree[own.Jurisdiction];
        return new Scorecard(node.Id, node.Name, from.ToOffset(offset), to.ToOffset(offset), Row(own), [.. children.Select(Row)]);
    }

    private ScorecardRow Row(Tally t)
    {
        var node = Tree[t.Jurisdiction];
        var (dispatchMedian, dispatchP90) = Percentiles.MedianAndP90(t.Dispatch);
        var (arrivalMedian, arrivalP90) = Percentiles.MedianAndP90(t.Arrival);
        var (ackMedian, _) = Percentiles.MedianAndP90(t.Acknowledgement);
        return new ScorecardRow(node.Id, node.Name, node.Level, t.Total, t.Dispatch.Count, dispatchMedian, dispatchP90, t.Overdue,
            t.Total == 0 ? null : Math.Round((double)t.Overdue / t.Total, 4),
            t.Arrival.Count, arrivalMedian, arrivalP90,
            t.MassIncidents, t.MajorMassIncidents, t.Milestones, t.Breaches,
            t.Milestones == 0 ? null : Math.Round((double)t.Breaches / t.Milestones, 4),
            t.Raised, t.Acknowledged, ackMedian,
            t.MajorCases, t.ReportsOnTime, t.ReportsLate, t.ReportsMissing, t.ReportsPending,
            t.HotSpots(facts.Rules.RepeatedCount).Count(),
            [.. t.Vetoes.OrderBy(v => v.ReceivedAt).ThenBy(v => v.Number, StringComparer.Ordinal)]);
    }

    /// <summary>The one pass: each case is added to the tally of the child it lies in (or to the jurisdiction's own, for
    /// a case placed on the jurisdiction itself), and the jurisdiction's tally is their sum.</summary>
    private (Tally Own, IReadOnlyList<Tally> Children) Run(string jurisdictionId, DateTimeOffset from, DateTimeOffset to)
    {
        int root = Tree.IndexOf(jurisdictionId);
        if (root < 0)
        {
            throw new ArgumentException($"Unknown jurisdiction {jurisdictionId}.", nameof(jurisdictionId));
        }
        var self = new Tally(root);
        var children = Tree.ChildrenOf(root).Select(c => new Tally(c)).ToList();
        var byIndex = new Dictionary<int, Tally>(children.Count);
        foreach (var child in children)
        {
            byIndex[child.Jurisdiction] = child;
        }
        var repeatTypes = new bool[Tally.Types.Length];
        foreach (var type in facts.Rules.RepeatedTypes)
        {
            repeatTypes[(int)type] = true;
        }
        long start = from.UtcTicks, end = to.UtcTicks, offset = options.Value.LocalUtcOffset.Ticks;
        var now = time.GetUtcNow();
        Tally? last = null;
        foreach (var entry in facts.Entries())
        {
            var fact = entry.Fact;
            long received = fact.ReceivedAt.UtcTicks;
            if (received < start || received >= end || entry.Place < 0)
            {
                continue;
            }
            int branch = Tree.Branch(entry.Place, root);
            if (branch == -2)
            {
                continue;
            }
            var tally = branch == -1 ? self
                : last?.Jurisdiction == branch ? last
                : byIndex.TryGetValue(branch, out var child) ? child
                : self;
            last = tally;
            int hour = (int)((received + offset) / TimeSpan.TicksPerHour % 24);
            tally.Add(fact, hour, Tree.VillageOf(entry.Place), repeatTypes[(int)fact.Type], now);
        }
        var own = new Tally(root);
        own.Include(self);
        foreach (var child in children)
        {
            own.Include(child);
        }
        return (own, children);
    }

    private string? TownshipOf(int village) => Tree[village].ParentId is { } parent && Tree.IndexOf(parent) is var p and >= 0 ? Tree[p].Name : null;

    public static string TypeName(IncidentType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());
}
