using System.Collections.Concurrent;
using Command.Silo.Cluster;
using Command.Silo.Escalation;
using Command.Silo.Incidents;
using Command.Silo.Jurisdictions;

namespace Command.Silo.Statistics;

/// <summary>
/// The read model behind the statistics: one <see cref="CaseFact"/> per incident, kept current by the incident grains
/// (as the <see cref="IncidentCatalog"/> is, from the same <c>Publish</c>), rebuilt at start from the same snapshots in
/// the same pass, and shared with the other silos of a cluster on the cluster feed.
/// </summary>
public sealed class CaseFacts
{
    private readonly ConcurrentDictionary<string, CaseEntry> facts = new(StringComparer.Ordinal);
    private readonly IClusterFeed feed;
    private readonly CommandRules rules;

    public CaseFacts(IClusterFeed feed, JurisdictionMap map, CommandRules rules)
        : this(feed, new JurisdictionTree(map), rules)
    {
    }

    public CaseFacts(IClusterFeed feed, JurisdictionTree tree, CommandRules rules)
    {
        this.feed = feed;
        this.rules = rules;
        Tree = tree;
        feed.Subscribe<CaseFact>(FeedKinds.CaseFact, Apply);
    }

    public JurisdictionTree Tree { get; }

    public CommandRules Rules => rules;

    public int Count => facts.Count;

    /// <summary>The incident's grain changed it: here, and on the other silos.</summary>
    public void Update(string id, long version, IncidentState state)
    {
        var fact = CaseFact.From(id, version, state, rules);
        Apply(fact);
        feed.Publish(FeedKinds.CaseFact, id, fact);
    }

    /// <summary>At start, from the incident's snapshot; the other silos load their own.</summary>
    public void Load(string id, long version, IncidentState state) => Apply(CaseFact.From(id, version, state, rules));

    /// <summary>A version never goes back: a late message from a silo the incident has left changes nothing.</summary>
    public void Apply(CaseFact fact)
    {
        int place = Tree.IndexOf(fact.JurisdictionId);
        // The tree's own strings: a year of cases would otherwise hold a copy of its jurisdiction id and cause each.
        var stored = new CaseEntry(place < 0 ? fact : fact with { JurisdictionId = Tree[place].Id, Cause = string.Intern(fact.Cause) }, place);
        facts.AddOrUpdate(fact.Id, stored, (_, existing) => existing.Fact.Version > fact.Version ? existing : stored);
    }

    public CaseFact? Find(string id) => facts.GetValueOrDefault(id)?.Fact;

    /// <summary>Every stored case, without copying the collection (a query runs over all of them).</summary>
    public IEnumerable<CaseEntry> Entries()
    {
        foreach (var pair in facts)
        {
            yield return pair.Value;
        }
    }
}
