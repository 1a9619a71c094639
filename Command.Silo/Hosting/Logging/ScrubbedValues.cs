using System.Collections;
using System.Globalization;

namespace Command.Silo.Hosting.Logging;

/// <summary>
/// A log state or scope with its values scrubbed as a provider reads them (a structured formatter writes each value,
/// including {OriginalFormat}); its text is the scrubbed message, or for a scope the scrubbed text of the original
/// state. Numbers, times and the like pass as they are: they cannot hold a line break or a credential.
/// </summary>
public sealed class ScrubbedValues(IReadOnlyList<KeyValuePair<string, object?>> values, object? original, string? message) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private string? text = message;

    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => new(values[index].Key, Scrub(values[index].Value));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (int i = 0; i < values.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => text ??= LogScrubber.Clean(original?.ToString() ?? "");

    public static object? Scrub(object? value) => value switch
    {
        null => null,
        string s => LogScrubber.Clean(s),
        char c => LogScrubber.Clean(c.ToString()),
        bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
            or DateTime or DateTimeOffset or TimeSpan or DateOnly or TimeOnly or Guid or Enum => value,
        IEnumerable items and not IFormattable => LogScrubber.Clean(string.Join(", ", items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? "(null)"))),
        _ => LogScrubber.Clean(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };
}
