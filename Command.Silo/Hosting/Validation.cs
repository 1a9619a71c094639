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
            errors.Add(Wording.Field(field) + message);
        }
        return this;
    }

    public Validation Position(double? lon, double? lat)
    {
        Require(lon is not null, "lon", "必须填写。");
        Require(lat is not null, "lat", "必须填写。");
        Require(lon is null || (double.IsFinite(lon.Value) && lon is >= -180 and <= 180), "lon", $"应在-180到180度之间，现在是{lon}。");
        Require(lat is null || (double.IsFinite(lat.Value) && lat is >= -90 and <= 90), "lat", $"应在-90到90度之间，现在是{lat}。");
        return this;
    }

    /// <summary>Free text: at most <paramref name="max"/> characters, and printable. Line breaks and tabs are text; NUL,
    /// escape sequences and the other control characters are not, and would travel on into exports, logs and terminals;
    /// nor are format characters, whose bidi overrides make a note read differently from what it says.</summary>
    public Validation Text(string? value, int max, string field) =>
        Require(value is null || value.Length <= max, field, $"有{value?.Length}个字，最多只能保存{max}个字，请删减后重试。")
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
            return Require(!required, field, "必须填写。");
        }
        int length = value.Trim().Length;
        return Require(length <= max, field, $"有{length}个字，最多{max}个字，请删减后重试。").Unprintable(value, field, multiline: false);
    }

    /// <summary>A list of names (a team's members, its equipment): <paramref name="minCount"/> to <paramref name="maxCount"/> of them, each
    /// a <see cref="Name"/>; an error names the item's position.</summary>
    public Validation Names(IReadOnlyList<string>? values, int minCount, int maxCount, int max, string field)
    {
        if (values is null || values.Count < minCount || values.Count > maxCount)
        {
            return Require(false, field, $"应填写{minCount}到{maxCount}项，现在是{values?.Count.ToString(CultureInfo.InvariantCulture) ?? "0"}项。");
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
                ? $"{Wording.Field(field)}第{index + 1}个字符（{Code(codePoint)}）是不可见的控制字符或格式字符（如文字方向控制符、零宽字符），请删除后重试。"
                : $"{Wording.Field(field)}只能填一行，第{index + 1}个字符（{Code(codePoint)}）是换行、制表符或不可见的控制字符，请删除后重试。");
        }
        return this;
    }

    /// <summary>U+202E without the English of "(a lone surrogate)".</summary>
    private static string Code(string codePoint) => codePoint.Split(' ')[0];

    /// <summary>Throws the collected errors as one 422.</summary>
    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            throw CommandRejectedException.Invalid(string.Concat(errors));
        }
    }
}
