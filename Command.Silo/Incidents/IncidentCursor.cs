using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Command.Abstractions.Incidents;

namespace Command.Silo.Incidents;

/// <summary>
/// Where a page of the incident list ended: the last incident's receipt time and id, the list's order (newest first,
/// the id breaking ties). The next page holds what comes after it, so incidents received meanwhile neither shift nor
/// repeat the pages. Opaque to clients: they follow the Link header.
/// </summary>
public sealed record IncidentCursor(DateTimeOffset ReceivedAt, string Id)
{
    /// <summary>Longer than any cursor this server writes.</summary>
    private const int MaxLength = 128;

    public static IncidentCursor After(IncidentSummary last) => new(last.ReceivedAt, last.Id);

    /// <summary>Whether the incident comes after this point of the list, that is, on a later page.</summary>
    public bool Precedes(IncidentSummary incident) =>
        incident.ReceivedAt.UtcTicks < ReceivedAt.UtcTicks
        || (incident.ReceivedAt.UtcTicks == ReceivedAt.UtcTicks && string.CompareOrdinal(incident.Id, Id) < 0);

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        ReceivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "~" + Id));

    public static bool TryParse(string? text, out IncidentCursor? cursor)
    {
        cursor = null;
        if (text is null || text.Length > MaxLength || !Base64Url.IsValid(text))
        {
            return false;
        }
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
        int separator = decoded.IndexOf('~', StringComparison.Ordinal);
        if (separator <= 0 || separator == decoded.Length - 1
            || !long.TryParse(decoded.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }
        cursor = new IncidentCursor(new DateTimeOffset(ticks, TimeSpan.Zero), decoded[(separator + 1)..]);
        return true;
    }
}
