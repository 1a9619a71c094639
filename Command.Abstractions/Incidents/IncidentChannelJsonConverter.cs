using System.Text.Json;
using System.Text.Json.Serialization;

namespace Command.Abstractions.Incidents;

/// <summary>Writes a channel as the number dialled (110) and reads 110, "110" or "police", so call-taking terminals
/// that send any of these work; anything else is a clear JSON error rather than a silent default.</summary>
public sealed class IncidentChannelJsonConverter : JsonConverter<IncidentChannel>
{
    public override IncidentChannel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        int number = reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var n) => n,
            JsonTokenType.String when int.TryParse(reader.GetString(), out var n) => n,
            JsonTokenType.String when Enum.TryParse<IncidentChannel>(reader.GetString(), ignoreCase: true, out var named) && Enum.IsDefined(named) => (int)named,
            _ => throw new JsonException("channel must be one of 110, 119, 120, 122."),
        };
        return Enum.IsDefined((IncidentChannel)number)
            ? (IncidentChannel)number
            : throw new JsonException($"channel {number} is not one of 110, 119, 120, 122.");
    }

    public override void Write(Utf8JsonWriter writer, IncidentChannel value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((int)value);
}
