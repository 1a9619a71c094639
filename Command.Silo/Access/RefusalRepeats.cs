using Command.Abstractions.Access;

namespace Command.Silo.Access;

/// <summary>The refusals of one address and kind counted during one minute, after the first was written; what the
/// summary says of them. Used under <see cref="RepeatedRefusals"/>' lock.</summary>
internal sealed class RefusalRepeats(DateTimeOffset start)
{
    private const int NamesShown = 5;

    private readonly List<string> names = [];
    private AuditEntry? first;
    private int count;
    private bool moreNames;
    private bool severalWhats;
    private bool severalJurisdictions;

    public DateTimeOffset Start { get; } = start;

    public void Count(AuditEntry entry)
    {
        count++;
        // Kept for up to a minute for each of thousands of addresses: no 8 KB path or long detail rides along.
        entry = entry with { What = Shorten(entry.What, 200), Detail = entry.Detail is null ? null : Shorten(entry.Detail, 300) };
        if (first is null)
        {
            first = entry;
        }
        else
        {
            severalWhats |= entry.What != first.What;
            severalJurisdictions |= entry.JurisdictionId != first.JurisdictionId || entry.Role != first.Role;
        }
        if (!names.Contains(entry.Who))
        {
            if (names.Count < NamesShown)
            {
                names.Add(entry.Who);
            }
            else
            {
                moreNames = true;
            }
        }
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    /// <summary>The "N more …" entry, or null when nothing followed the first.</summary>
    public AuditEntry? Summary(string kind, string from, DateTimeOffset now)
    {
        if (first is null)
        {
            return null;
        }
        bool oneName = names.Count == 1 && !moreNames;
        string who = string.Join(", ", names) + (moreNames ? ", …" : "");
        string where = from == RepeatedRefusals.OtherAddresses ? "from further addresses" : $"from {from}";
        return new AuditEntry(
            now,
            kind,
            oneName ? first.Who : "(several)",
            severalJurisdictions ? null : first.Role,
            severalJurisdictions ? null : first.JurisdictionId,
            from,
            severalWhats ? "(several)" : first.What,
            $"{count} more {kind} {where} in the minute from {RepeatedRefusals.Minute(Start)} UTC, summarised (as {who}); the first of them: {first.Detail}");
    }
}
