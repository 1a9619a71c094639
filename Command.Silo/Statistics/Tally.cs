using Command.Abstractions.Incidents;
using Command.Abstractions.Statistics;

namespace Command.Silo.Statistics;

/// <summary>The running sums of one jurisdiction over one pass of the cases; turned into the answer's figures at the end.</summary>
internal sealed class Tally(int jurisdiction)
{
    /// <summary>In the order of <see cref="ChannelIndex"/>.</summary>
    public static readonly IncidentChannel[] Channels = [IncidentChannel.Police, IncidentChannel.Fire, IncidentChannel.Medical, IncidentChannel.Traffic];
    /// <summary>Indexed by the enum's value, which runs from 0 without gaps.</summary>
    public static readonly IncidentType[] Types = Enum.GetValues<IncidentType>();

    public int Jurisdiction { get; } = jurisdiction;
    public int Total;
    public readonly int[] ByChannel = new int[Channels.Length];
    public readonly int[] ByType = new int[Types.Length];
    public readonly int[] BySeverity = new int[5];
    public readonly int[] ByHour = new int[24];
    public readonly List<int> Dispatch = [];
    public readonly List<int> Arrival = [];
    public readonly List<int> Acknowledgement = [];
    public int Overdue;
    public int MassIncidents;
    public int MajorMassIncidents;
    public int Milestones;
    public int Breaches;
    public int Raised;
    public int Acknowledged;
    public int MajorCases;
    public int ReportsOnTime;
    public int ReportsLate;
    public int ReportsMissing;
    public int ReportsPending;
    public readonly List<VetoFlag> Vetoes = [];

    /// <summary>Cases of a repeated-incident type by village and cause, with the latest.</summary>
    public readonly Dictionary<(int Village, string Cause), (int Count, DateTimeOffset LastAt)> Places = [];

    public void Add(CaseFact fact, int hour, int village, bool repeatType, DateTimeOffset now)
    {
        Total++;
        ByChannel[ChannelIndex(fact.Channel)]++;
        ByType[(int)fact.Type]++;
        BySeverity[Math.Clamp(fact.Severity, 0, 4)]++;
        ByHour[hour]++;
        if (fact.DispatchedAt is { } dispatched)
        {
            Dispatch.Add(Percentiles.Seconds(fact.ReceivedAt, dispatched));
        }
        if (fact.OnSceneAt is { } onScene)
        {
            Arrival.Add(Percentiles.Seconds(fact.ReceivedAt, onScene));
        }
        Overdue += fact.DispatchOverdue ? 1 : 0;
        if (fact.IsMassIncident)
        {
            MassIncidents++;
            Milestones += fact.Milestones;
            Breaches += fact.Breaches;
            if (fact.IsMajor)
            {
                MajorMassIncidents++;
                Vetoes.Add(new VetoFlag("majorMassIncident", "发生重大及以上群体性事件", fact.Id, fact.Number, fact.ReceivedAt));
            }
        }
        var escalations = fact.Escalations;
        for (int e = 0; e < escalations.Count; e++)
        {
            var escalation = escalations[e];
            Raised++;
            if (escalation.AcknowledgedAt is { } acknowledged)
            {
                Acknowledged++;
                Acknowledgement.Add(Percentiles.Seconds(escalation.RaisedAt, acknowledged));
            }
        }
        if (fact.IsMajor && fact.ReportDueAt is { } due)
        {
            MajorCases++;
            if (fact.ReportAt is { } reported)
            {
                if (reported <= due)
                {
                    ReportsOnTime++;
                }
                else
                {
                    ReportsLate++;
                    Vetoes.Add(new VetoFlag("reportLate", "重大案件书面报告迟报", fact.Id, fact.Number, fact.ReceivedAt));
                }
            }
            else if (now >= due)
            {
                ReportsMissing++;
                Vetoes.Add(new VetoFlag("reportMissing", "重大案件书面报告漏报", fact.Id, fact.Number, fact.ReceivedAt));
            }
            else
            {
                ReportsPending++;
            }
        }
        if (repeatType && village >= 0)
        {
            var key = (village, fact.Cause);
            var (count, last) = Places.GetValueOrDefault(key);
            Places[key] = (count + 1, fact.ReceivedAt > last ? fact.ReceivedAt : last);
        }
    }

    private static int ChannelIndex(IncidentChannel channel) => channel switch
    {
        IncidentChannel.Police => 0,
        IncidentChannel.Fire => 1,
        IncidentChannel.Medical => 2,
        _ => 3,
    };

    /// <summary>Adds the tallies of the parts of a jurisdiction into this one: its own cases and each child's. The
    /// children's villages never overlap, so their hot spots simply join.</summary>
    public void Include(Tally part)
    {
        Total += part.Total;
        Add(ByChannel, part.ByChannel);
        Add(ByType, part.ByType);
        Add(BySeverity, part.BySeverity);
        Add(ByHour, part.ByHour);
        Dispatch.AddRange(part.Dispatch);
        Arrival.AddRange(part.Arrival);
        Acknowledgement.AddRange(part.Acknowledgement);
        Overdue += part.Overdue;
        MassIncidents += part.MassIncidents;
        MajorMassIncidents += part.MajorMassIncidents;
        Milestones += part.Milestones;
        Breaches += part.Breaches;
        Raised += part.Raised;
        Acknowledged += part.Acknowledged;
        MajorCases += part.MajorCases;
        ReportsOnTime += part.ReportsOnTime;
        ReportsLate += part.ReportsLate;
        ReportsMissing += part.ReportsMissing;
        ReportsPending += part.ReportsPending;
        Vetoes.AddRange(part.Vetoes);
        foreach (var (key, value) in part.Places)
        {
            var (count, last) = Places.GetValueOrDefault(key);
            Places[key] = (count + value.Count, value.LastAt > last ? value.LastAt : last);
        }
    }

    private static void Add(int[] into, int[] from)
    {
        for (int i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }

    public IEnumerable<KeyValuePair<(int Village, string Cause), (int Count, DateTimeOffset LastAt)>> HotSpots(int threshold) =>
        Places.Where(p => p.Value.Count >= threshold);
}
