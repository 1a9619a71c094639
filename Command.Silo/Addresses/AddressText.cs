using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Command.Silo.Addresses;

/// <summary>
/// How addresses are compared: a call-taker types 聊城市东昌府区柳园街道花园北路 12 号, or 花园北路12号, or leaves the
/// township out. Text is normalised (full-width digits and letters to ASCII, no spaces or punctuation) and a query is
/// cut into its administrative parts (…市, …区, …街道, …路, …号), which must appear in the address in order, gaps
/// allowed.
/// </summary>
public static partial class AddressText
{
    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            // '-' stays: 12-3号 is a house number, not two.
            if (char.IsWhiteSpace(c) || (char.IsPunctuation(c) && c != '-') || char.IsSymbol(c))
            {
                continue;
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary>The parts of a normalised query, each ending at an administrative suffix (or the end).</summary>
    public static IReadOnlyList<string> Parts(string normalized)
    {
        // The province is implied: no address in the base carries it.
        if (normalized.StartsWith("山东省", StringComparison.Ordinal))
        {
            normalized = normalized[3..];
        }
        return [.. PartPattern().Matches(normalized).Select(m => m.Value).Where(p => p.Length > 0)];
    }

    [GeneratedRegex("(.+?(?:街道|社区|大道|大街|省|市|区|县|镇|乡|村|路|街|巷|弄|号|$))", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();

    public static bool StartsWithDigit(string part) => part.Length > 0 && char.IsAsciiDigit(part[0]);

    /// <summary>Where <paramref name="part"/> occurs in <paramref name="text"/> from <paramref name="start"/>; a house
    /// number is not found inside a longer number (12号 is not in 112号).</summary>
    public static int Find(string text, string part, int start)
    {
        var digit = StartsWithDigit(part);
        for (var at = text.IndexOf(part, start, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            if (!digit || at == 0 || !char.IsAsciiDigit(text[at - 1]))
            {
                return at;
            }
        }
        return -1;
    }

    public static string Invariant(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
