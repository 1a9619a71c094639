using System.Globalization;
using System.Text.Json.Serialization;

namespace Command.Silo.Storage.Redis;

/// <summary>
/// A reminder as stored in the reminders hash, as JSON. The names are fixed because the conditional-delete script
/// reads <c>dueTicks</c>: the UTC instant as a string, since Lua numbers are doubles and would round it. Due keeps
/// the offset the reminder was registered with.
/// </summary>
internal sealed record RedisReminder(
    [property: JsonPropertyName("grain")] string Grain,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("due")] DateTimeOffset Due,
    [property: JsonPropertyName("dueTicks")] string DueTicks,
    [property: JsonPropertyName("periodTicks")] long? PeriodTicks)
{
    public static RedisReminder From(DeadlineEntry entry) =>
        new(entry.GrainId, entry.Name, entry.DueAt, entry.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture), entry.Period?.Ticks);

    public DeadlineEntry ToEntry() => new(Grain, Name, Due, PeriodTicks is { } ticks ? TimeSpan.FromTicks(ticks) : null);
}
