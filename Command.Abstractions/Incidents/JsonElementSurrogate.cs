using System.Text.Json;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>Timeline entries carry an event's data as a <see cref="JsonElement"/>, which Orleans has no codec for:
/// it travels between silos as its JSON text.</summary>
[GenerateSerializer, Immutable]
public readonly record struct JsonElementSurrogate([property: Id(0)] string Json);

[RegisterConverter]
public sealed class JsonElementSurrogateConverter : IConverter<JsonElement, JsonElementSurrogate>
{
    public JsonElement ConvertFromSurrogate(in JsonElementSurrogate surrogate) => JsonDocument.Parse(surrogate.Json).RootElement.Clone();

    public JsonElementSurrogate ConvertToSurrogate(in JsonElement value) => new(value.GetRawText());
}
