using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Command.Silo.Runtime;

/// <summary>
/// Maps a grain's event records to journal kinds and back, from the [JsonDerivedType] attributes on the event base.
/// The kind is stored in its own column and the data holds only the event's fields, so the timeline reads cleanly.
/// </summary>
internal static class EventCodec<TEvent> where TEvent : class
{
    private static readonly Dictionary<Type, string> kinds = typeof(TEvent)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    private static readonly Dictionary<string, Type> types = kinds.ToDictionary(p => p.Value, p => p.Key);

    public static string KindOf(TEvent @event) =>
        kinds.TryGetValue(@event.GetType(), out var kind) ? kind
            : throw new InvalidOperationException($"{@event.GetType().Name} is not a [JsonDerivedType] of {typeof(TEvent).Name}.");

    public static string Serialize(TEvent @event) => JsonSerializer.Serialize(@event, @event.GetType(), JournalJson.Options);

    public static TEvent Deserialize(string kind, string data) =>
        types.TryGetValue(kind, out var type)
            ? (TEvent)(JsonSerializer.Deserialize(data, type, JournalJson.Options) ?? throw new JsonException($"Event {kind} has no data."))
            : throw new JsonException($"Unknown event kind '{kind}' for {typeof(TEvent).Name}.");
}
