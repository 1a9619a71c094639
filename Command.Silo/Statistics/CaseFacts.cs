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
    private readonly IClusterFeed feed;
    private readonly CommandRules rules;

    // An array that queries read without a lock: a slot is replaced by one reference write, and a case is appended before
    // the count that makes it visible. A larger array is a copy, published before any slot beyond the old one is used.
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> slotOf = new(StringComparer.Ordinal);
    private CaseEntry[] slots = new CaseEntry[1024];
    private int count;

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

    public int Count => Volatile.Read(ref count);

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
        lock (gate)
        {
            if (slotOf.TryGetValue(fact.Id, out int slot))
            {
                if (slots[slot].Fact.Version <= fact.Version)
                {
                    Volatile.Write(ref slots[slot], stored);
                }
                return;
            }
            if (count == slots.Length)
            {
                var larger = new CaseEntry[slots.Length * 2];
                Array.Copy(slots, larger, count);
                Volatile.Write(ref slots, larger);
            }
            slots[count] = stored;
            slotOf[fact.Id] = count;
            Volatile.Write(ref count, count + 1);
        }
    }

    public CaseFact? Find(string id)
    {
        lock (gate)
        {
            return slotOf.TryGetValue(id, out int slot) ? slots[slot].Fact : null;
        }
    }

    /// <summary>Every stored case, as of now, without a lock or a copy: the count is read before the array, so every slot
    /// below it is filled.</summary>
    public ReadOnlySpan<CaseEntry> Entries()
    {
        int visible = Volatile.Read(ref count);
        var array = Volatile.Read(ref slots);
        return array.AsSpan(0, Math.Min(visible, array.Length));
    }
}
