using System.Diagnostics;
using Command.Abstractions.Incidents;
using Command.Abstractions.Jurisdictions;
using Command.Silo.Cluster;
using Command.Silo.Escalation;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;
using Command.Silo.Statistics;
using Microsoft.Extensions.Options;

namespace Command.Benchmarks.Load;

/// <summary>
/// 统计研判 over a year of a city's cases: a seeded year of 聊城 (300,000 case facts by default, in every village and grid
/// of the map's counties, with the mix of channels, types, dispatch and arrival times a county centre sees) put into the
/// read model, then GET /api/statistics's and the scorecard's queries timed in process for the city and for 冠县, the
/// whole year, several runs each. The goal is the city's year under 200 ms.
/// </summary>
public static class StatisticsBench
{
    public const double GoalMs = 200;
    public const string County = "371525";

    /// <summary>Runs of each query before the timed ones.</summary>
    public const int WarmUpRuns = 5;

    /// <summary>The year the cases are spread over, in Beijing days.</summary>
    public static readonly DateTimeOffset YearStart = new(2025, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static IReadOnlyList<BenchRow> Run(int cases, int runs, BenchProgress progress)
    {
        var map = JurisdictionMap.Load(JurisdictionMap.FindMapsDirectory());
        var rules = RulesLoader.Load(null);
        var facts = new CaseFacts(new LocalFeed(), map, rules);
        long heapBefore = SettledHeap();
        Seed(facts, map, cases, progress);
        long heapAfter = SettledHeap();
        var end = YearStart.AddYears(1);
        // Every seeded report is due long before "now", so the scorecard counts missing ones as a real one would.
        var query = new StatisticsQuery(facts, Options.Create(new IncidentOptions()), new FixedClock(end.AddDays(2)));
        var rows = new List<BenchRow>
        {
            new("statistics", $"memory per case fact ({BenchFormat.Count(cases)} in the read model)", BenchFormat.Bytes((double)(heapAfter - heapBefore) / cases))
            {
                Values = new Dictionary<string, double> { ["bytesPerCase"] = (double)(heapAfter - heapBefore) / cases },
            },
        };
        string countyName = map.Find(County)!.Name;
        var measures = new (string Name, Func<int> Query)[]
        {
            ($"statistics, 聊城市, a year of {BenchFormat.Count(cases)} cases", () => query.Report(JurisdictionMap.CityId, YearStart, end).Cases.Total),
            ($"scorecard, 聊城市 by county, a year of {BenchFormat.Count(cases)} cases", () => query.Scorecard(JurisdictionMap.CityId, YearStart, end).Total.Cases),
            ($"statistics, {countyName}, the same year", () => query.Report(County, YearStart, end).Cases.Total),
            ($"scorecard, {countyName} by township, the same year", () => query.Scorecard(County, YearStart, end).Total.Cases),
        };
        // The first runs are not counted: a silo that answers these queries all day runs them as fully compiled code. The
        // timed runs take the queries in turn, round after round, so a burst of load on a shared machine falls on all four.
        var firsts = new double[measures.Length];
        var counted = new int[measures.Length];
        for (int m = 0; m < measures.Length; m++)
        {
            long first = Stopwatch.GetTimestamp();
            counted[m] = measures[m].Query();
            firsts[m] = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
        }
        for (int warm = 1; warm < WarmUpRuns; warm++)
        {
            foreach (var measure in measures)
            {
                measure.Query();
            }
        }
        var times = measures.Select(_ => new List<double>(runs)).ToArray();
        for (int i = 0; i < runs; i++)
        {
            for (int m = 0; m < measures.Length; m++)
            {
                long start = Stopwatch.GetTimestamp();
                counted[m] = measures[m].Query();
                times[m].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            progress.Report(0.5 + 0.5 * (i + 1) / runs, "timing the queries");
        }
        for (int m = 0; m < measures.Length; m++)
        {
            times[m].Sort();
            double median = times[m][(times[m].Count - 1) / 2], max = times[m][^1];
            bool city = m == 0;
            rows.Add(new BenchRow("statistics", measures[m].Name,
                $"median {BenchFormat.Ms(median)} · max {BenchFormat.Ms(max)} ({runs} runs; the first of all {BenchFormat.Ms(firsts[m])}; {BenchFormat.Count(counted[m])} cases counted)")
            {
                Values = new Dictionary<string, double> { ["medianMs"] = median, ["maxMs"] = max, ["firstMs"] = firsts[m], ["cases"] = counted[m] },
                Goal = city ? $"median ≤ {GoalMs:0} ms" : null,
                Met = city ? median <= GoalMs : null,
                Broken = counted[m] == 0 ? "the query counted no cases" : null,
            });
        }
        return rows;
    }

    /// <summary>A year of cases with a fixed seed, so every run measures the same data.</summary>
    public static void Seed(CaseFacts facts, JurisdictionMap map, int cases, BenchProgress progress)
    {
        var random = new Random(2026);
        // Calls come from where people live: every village and grid of the map, the county seats' grids as often as a
        // remote village.
        var places = map.All.Where(j => j.Level is JurisdictionLevel.Grid or JurisdictionLevel.Village && j.ChildIds.Count == 0).ToArray();
        var points = places.Select(p => p.Boundary.InteriorPoint).ToArray();
        var channels = new (IncidentChannel Channel, double Share)[] { (IncidentChannel.Police, 0.70), (IncidentChannel.Medical, 0.15), (IncidentChannel.Traffic, 0.10), (IncidentChannel.Fire, 0.05) };
        var types = new (IncidentType Type, double Share)[]
        {
            (IncidentType.PublicOrder, 0.30), (IncidentType.Dispute, 0.20), (IncidentType.Traffic, 0.14), (IncidentType.Medical, 0.12),
            (IncidentType.Criminal, 0.10), (IncidentType.Other, 0.08), (IncidentType.Fire, 0.04), (IncidentType.WorkSafety, 0.015),
            (IncidentType.Hazmat, 0.002), (IncidentType.MassIncident, 0.003),
        };
        string[] causes = ["landAcquisition", "labourDispute", "environment", "petitioning", "other"];
        long yearTicks = YearStart.AddYears(1).UtcTicks - YearStart.UtcTicks;
        for (int i = 0; i < cases; i++)
        {
            // Busier by day than at night: a second draw thins out the small hours.
            DateTimeOffset received;
            do
            {
                received = new DateTimeOffset(YearStart.UtcTicks + (long)(random.NextDouble() * yearTicks), TimeSpan.Zero);
            }
            while (random.NextDouble() > Daytime(received.ToOffset(TimeSpan.FromHours(8)).Hour));
            var type = Pick(types, random);
            var channel = type switch
            {
                IncidentType.Fire => IncidentChannel.Fire,
                IncidentType.Medical => IncidentChannel.Medical,
                IncidentType.Traffic => random.NextDouble() < 0.6 ? IncidentChannel.Traffic : IncidentChannel.Police,
                _ => Pick(channels, random) is var c && c is IncidentChannel.Fire or IncidentChannel.Medical ? IncidentChannel.Police : c,
            };
            bool mass = type == IncidentType.MassIncident;
            int severity = mass ? (random.NextDouble() < 0.15 ? 2 : 3) : random.NextDouble() switch { < 0.0005 => 1, < 0.005 => 2, < 0.08 => 3, _ => 4 };
            string cause = mass || (type == IncidentType.Dispute && random.NextDouble() < 0.3) ? causes[random.Next(causes.Length)] : StatisticsQuery.TypeName(type);
            bool overdue = random.NextDouble() < 0.04;
            DateTimeOffset? dispatched = random.NextDouble() < 0.93 ? received.AddSeconds(overdue ? 600 + random.Next(1800) : 30 + Skewed(random, 420)) : null;
            DateTimeOffset? onScene = dispatched is { } d && random.NextDouble() < 0.9 ? d.AddSeconds(120 + Skewed(random, 1500)) : null;
            int milestones = mass ? 5 : 0, breaches = mass ? random.Next(3) : 0;
            var escalations = mass || random.NextDouble() < 0.01
                ? Enumerable.Range(0, mass ? 1 + breaches : 1).Select(k => new EscalationFact(received.AddMinutes(15 + 10 * k),
                    random.NextDouble() < 0.85 ? received.AddMinutes(15 + 10 * k).AddSeconds(30 + Skewed(random, 900)) : null, (JurisdictionLevel)Math.Max(0, 2 - k))).ToArray()
                : [];
            DateTimeOffset? due = severity <= 2 ? received.AddHours(24) : null;
            DateTimeOffset? reported = due is { } r ? random.NextDouble() switch { < 0.95 => r.AddHours(-2 - random.Next(20)), < 0.98 => r.AddHours(3), _ => null } : null;
            int where = random.Next(places.Length);
            var location = points[where];
            facts.Apply(new CaseFact($"bench-{i}", $"LC-{received.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}-{i % 10_000:0000}", 1, places[where].Id, received, channel, type,
                severity, cause, location.X, location.Y, dispatched, onScene, onScene?.AddMinutes(30), overdue, mass, milestones, breaches, escalations,
                due, reported));
            if (i % 10_000 == 0)
            {
                progress.Report((double)i / cases * 0.5, $"seeding {BenchFormat.Count(i)} cases");
            }
        }
    }

    private static double Daytime(int hour) => hour is >= 1 and < 7 ? 0.35 : 1.0;

    /// <summary>Most values small, a long tail up to about three times <paramref name="scale"/>.</summary>
    private static int Skewed(Random random, int scale) => (int)(scale * -Math.Log(1 - random.NextDouble() * 0.95) / 1.0);

    private static T Pick<T>((T Value, double Share)[] shares, Random random)
    {
        double draw = random.NextDouble() * shares.Sum(s => s.Share);
        foreach (var (value, share) in shares)
        {
            if ((draw -= share) <= 0)
            {
                return value;
            }
        }
        return shares[^1].Value;
    }

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
