using System.Text.Json;
using System.Text.RegularExpressions;

namespace Command.Tests.Support;

/// <summary>
/// Checks that a refusal reads as a duty officer needs it: plain Chinese that says what happened, with the case by its
/// number, and nothing of the machinery behind it: no English word, no API path, no internal id, no UTC time.
/// </summary>
public static partial class ChineseRefusal
{
    /// <summary>Checks the problem's <c>detail</c> and returns it. <paramref name="number"/> is the case the refusal is
    /// about (LC-20261202-0007), which it must name; <paramref name="allowed"/> are further names that may appear as they
    /// are (a callsign, a username).</summary>
    public static string Check(JsonElement problem, string? number = null, params string[] allowed) =>
        Check(problem.GetProperty("detail").GetString(), number, allowed);

    public static string Check(string? detail, string? number = null, params string[] allowed)
    {
        Assert.False(string.IsNullOrWhiteSpace(detail), "The refusal has no detail.");
        Assert.True(Cjk().IsMatch(detail), $"The refusal is not in Chinese: {detail}");
        Assert.False(detail.Contains("/api", StringComparison.OrdinalIgnoreCase), $"The refusal names an API path: {detail}");
        Assert.False(IsoTime().IsMatch(detail), $"The refusal shows a machine (UTC or ISO) time: {detail}");
        if (number is not null)
        {
            Assert.True(detail.Contains(number, StringComparison.Ordinal), $"The refusal does not name the case {number}: {detail}");
        }
        string rest = detail;
        foreach (string name in allowed.Append(number).OfType<string>().OrderByDescending(n => n.Length))
        {
            rest = rest.Replace(name, "", StringComparison.Ordinal);
        }
        Assert.False(HexId().IsMatch(rest), $"The refusal shows an internal id: {detail}");
        var english = EnglishWord().Match(rest);
        Assert.False(english.Success, $"The refusal has the English word '{english.Value}': {detail}");
        return detail;
    }

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();

    /// <summary>A GUID, with or without dashes, or any long run of hex digits (the incident ids are 32).</summary>
    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-|\b[0-9a-f]{12,}\b")]
    private static partial Regex HexId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})\b|\bUTC\b")]
    private static partial Regex IsoTime();
}
