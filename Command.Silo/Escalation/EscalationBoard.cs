using System.Collections.Concurrent;
using Command.Abstractions.Escalation;
using Command.Silo.Cluster;

namespace Command.Silo.Escalation;

/// <summary>The read model behind /api/escalations and the leaders' monitor: every escalation of every incident,
/// kept current by the incident grains and rebuilt at start from the incidents' snapshots.</summary>
public sealed class EscalationBoard
{
    private readonly ConcurrentDictionary<string, EscalationView> escalations = new(StringComparer.Ordinal);
    private readonly IClusterFeed feed;

    public EscalationBoard(IClusterFeed feed)
    {
        this.feed = feed;
        feed.Subscribe<EscalationView>(FeedKinds.Escalation, Load);
    }

    /// <summary>The incident's grain changed it: here, and on the other silos.</summary>
    public void Update(EscalationView escalation)
    {
        Load(escalation);
        feed.Publish(FeedKinds.Escalation, escalation.Id, escalation);
    }

    /// <summary>From the store at start, or from another silo.</summary>
    public void Load(EscalationView escalation) => escalations[escalation.Id] = escalation;

    public EscalationView? Find(string id) => escalations.GetValueOrDefault(id);

    public IEnumerable<EscalationView> All() => escalations.Values;
}
