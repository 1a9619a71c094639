using Command.Abstractions.Jurisdictions;
using Command.Silo.Jurisdictions;

namespace Command.Silo.Statistics;

/// <summary>
/// The jurisdiction tree as arrays of indices, so that "is this case inside 冠县, and under which of its townships" is
/// two array reads per case instead of a walk up the map's dictionary: a year of a city's cases is a few hundred
/// thousand of them per query.
/// </summary>
public sealed class JurisdictionTree
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly JurisdictionInfo[] nodes;
    private readonly int[][] chains;
    private readonly int[] villages;
    private readonly int[][] children;

    public JurisdictionTree(JurisdictionMap map)
    {
        // Ordered by id, so children come out in the order of their administrative codes.
        nodes = [.. map.All.OrderBy(j => j.Id, StringComparer.Ordinal)];
        for (int i = 0; i < nodes.Length; i++)
        {
            index[nodes[i].Id] = i;
        }
        chains = [.. nodes.Select(n => map.ChainOf(n.Id).Select(j => index[j.Id]).ToArray())];
        villages = [.. chains.Select(chain => Array.FindIndex(chain, i => nodes[i].Level == JurisdictionLevel.Village) is var k and >= 0 ? chain[k] : -1)];
        children = [.. nodes.Select(n => n.ChildIds.Select(c => index[c]).Order().ToArray())];
    }

    public int Count => nodes.Length;

    /// <summary>-1 for an id the map does not know.</summary>
    public int IndexOf(string id) => index.GetValueOrDefault(id, -1);

    public JurisdictionInfo this[int i] => nodes[i];

    public IReadOnlyList<int> ChildrenOf(int i) => children[i];

    /// <summary>The child of <paramref name="ancestor"/> that <paramref name="place"/> lies in: -2 when it is not inside
    /// the ancestor at all, -1 when it is the ancestor itself.</summary>
    public int Branch(int place, int ancestor)
    {
        var chain = chains[place];
        int depth = chains[ancestor].Length - 1;
        if (chain.Length <= depth || chain[depth] != ancestor)
        {
            return -2;
        }
        return chain.Length > depth + 1 ? chain[depth + 1] : -1;
    }

    /// <summary>The village (村/社区) <paramref name="place"/> is in, or -1 above village level.</summary>
    public int VillageOf(int place) => villages[place];
}
