using System.Globalization;
using System.Text;
using Command.Abstractions.Runtime;

namespace Command.Silo.Hosting;

/// <summary>Collects what is wrong with a well-formed request, field by field, and answers 422 with all of it at once.</summary>
public sealed class Validation
{
    private readonly List<string> errors = [];

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            errors.Add($"{field}: {message}");
        }
        return this;
    }

    public Validation Position(double? lon, double? lat)
    {
        Require(lon is not null, "lon", "is required.");
        Require(lat is not null, "lat", "is required.");
        Require(lon is null || (double.IsFinite(lon.Value) && lon is >= -180 and <= 180), "lon", $"must be between -180 and 180, not {lon}.");
        Require(lat is null || (double.IsFinite(lat.Value) && lat is >= -90 and <= 90), "lat", $"must be between -90 and 90, not {lat}.");
        return this;
    }

    /// <summary>Free text: at most <paramref name="max"/> characters, and printable. Line breaks and tabs are text; NUL,
    /// escape sequences and the other control characters are not, and would travel on into exports, logs and terminals;
    /// nor are format characters, whose bidi overrides make a note read differently from what it says.</summary>
    public Validation Text(string? value, int max, string field) =>
        Require(value is null || value.Length <= max, field, $"is {value?.Length} characters; at most {max} are kept.")
            .Unprintable(value, field, multiline: true);

    /// <summary>
    /// A name, a callsign, a label: one line of at most <paramref name="max"/> characters (trimmed), with no control or
    /// format characters at all. Names are shown side by side on boards, in lists and on timelines, where a right-to-left
    /// override (U+202E) or an invisible zero-width character would make one name pass for another.
    /// </summary>
    public Validation Name(string? value, int max, string field, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Require(!required, field, "is required.");
        }
        int length = value.Trim().Length;
        return Require(length <= max, field, $"is {length} characters; at most {max}.").Unprintable(value, field, multiline: false);
    }

    /// <summary>A list of names (a team's members, its equipment): <paramref name="minCount"/> to <paramref name="maxCount"/> of them, each
    /// a <see cref="Name"/>; an error names the item's position.</summary>
    public Validation Names(IReadOnlyList<string>? values, int minCount, int maxCount, int max, string field)
    {
        if (values is null || values.Count < minCount || values.Count > maxCount)
        {
            return Require(false, field, $"must list {minCount} to {maxCount} entries, not {values?.Count.ToString(CultureInfo.InvariantCulture) ?? "none"}.");
        }
        for (int i = 0; i < values.Count; i++)
        {
            Name(values[i], max, $"{field}[{i}]");
        }
        return this;
    }

    /// <summary>True for text a person can read as written: no control characters except tabs and line breaks, no format
    /// characters, no lone surrogates.</summary>
    public static bool IsPrintable(string value) => FirstUnprintable(value, multiline: true) is null;

    /// <summary>Where the first character a <see cref="Name"/> may not hold is, and what it is; null when there is none.</summary>
    public static (int Index, string CodePoint)? FirstUnprintable(string value, bool multiline)
    {
        for (int i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return (i, $"U+{(int)value[i]:X4} (a lone surrogate)");
            }
            bool allowed = Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.Control => multiline && rune.Value is '\t' or '\n' or '\r',
                UnicodeCategory.Format => false,
                UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => multiline,
                _ => true,
            };
            if (!allowed)
            {
                return (i, $"U+{rune.Value:X4}");
            }
            i += consumed;
        }
        return null;
    }

    private Validation Unprintable(string? value, string field, bool multiline)
    {
        if (value is not null && FirstUnprintable(value, multiline) is (int index, string codePoint))
        {
            errors.Add(multiline
                ? $"{field}: must not contain control or format characters (bidi overrides, zero-width characters, NUL and the like); found {codePoint} at position {index}."
                : $"{field}: must be one line without control or format characters (line breaks, tabs, bidi overrides, zero-width characters); found {codePoint} at position {index}.");
        }
        return this;
    }

    /// <summary>Throws the collected errors as one 422.</summary>
    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            throw CommandRejectedException.Invalid(string.Join(" ", errors));
        }
    }
}
