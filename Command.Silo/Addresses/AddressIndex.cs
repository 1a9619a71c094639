namespace Command.Silo.Addresses;

/// <summary>
/// An immutable, in-memory index of the standard addresses. Each character points to the addresses containing it, so a
/// query scans only the addresses holding its rarest character (a few hundred of 50,000), then ranks them: the exact
/// address, then an address ending with the query (a street and house number typed without the township), then one
/// containing it, then one holding its parts in order; the caller's own county first, shorter addresses first.
/// </summary>
public sealed class AddressIndex
{
    private readonly StandardAddress[] entries;
    private readonly string[] normalized;
    private readonly Dictionary<char, int[]> byCharacter;

    public AddressIndex(IReadOnlyList<StandardAddress> addresses, string source)
    {
        entries = [.. addresses];
        normalized = [.. entries.Select(e => AddressText.Normalize(e.Address))];
        var lists = new Dictionary<char, List<int>>();
        for (var i = 0; i < normalized.Length; i++)
        {
            foreach (var c in normalized[i].Distinct())
            {
                if (!lists.TryGetValue(c, out var list))
                {
                    lists[c] = list = [];
                }
                list.Add(i);
            }
        }
        byCharacter = lists.ToDictionary(p => p.Key, p => p.Value.ToArray());
        Source = source;
    }

    public static AddressIndex Empty { get; } = new([], "无");

    public int Count => entries.Length;

    /// <summary>Where the addresses came from, for the log and the import answer.</summary>
    public string Source { get; }

    public IReadOnlyList<StandardAddress> Search(string query, int limit, Func<StandardAddress, bool>? preferred = null)
    {
        var text = AddressText.Normalize(query);
        var parts = AddressText.Parts(text);
        if (parts.Count == 0)
        {
            return [];
        }
        var whole = string.Concat(parts);
        int[]? candidates = null;
        foreach (var c in whole.Distinct())
        {
            if (!byCharacter.TryGetValue(c, out var list))
            {
                return [];
            }
            if (candidates is null || list.Length < candidates.Length)
            {
                candidates = list;
            }
        }

        var ranked = new List<(int Rank, bool Preferred, int Length, int Index)>();
        foreach (var i in candidates!)
        {
            var address = normalized[i];
            int rank;
            if (address == whole)
            {
                rank = 0;
            }
            else if (address.EndsWith(whole, StringComparison.Ordinal) && AddressText.Find(address, whole, address.Length - whole.Length) >= 0)
            {
                rank = 1;
            }
            else if (AddressText.Find(address, whole, 0) >= 0)
            {
                rank = 2;
            }
            else if (InOrder(address, parts))
            {
                rank = 3;
            }
            else
            {
                continue;
            }
            ranked.Add((rank, preferred?.Invoke(entries[i]) ?? false, address.Length, i));
        }
        return [.. ranked
            .OrderBy(r => r.Rank)
            .ThenByDescending(r => r.Preferred)
            .ThenBy(r => r.Length)
            .ThenBy(r => normalized[r.Index], StringComparer.Ordinal)
            .Take(limit)
            .Select(r => entries[r.Index])];
    }

    private static bool InOrder(string address, IReadOnlyList<string> parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = AddressText.Find(address, part, at);
            if (found < 0)
            {
                return false;
            }
            at = found + part.Length;
        }
        return true;
    }
}
