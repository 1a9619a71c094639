using System.Text.Json;
using System.Text.Json.Serialization;
using Command.Abstractions.Incidents;

namespace Command.Silo.Runtime;

/// <summary>The one JSON shape for journal data, snapshots and the wire: camelCase, enums as camelCase strings.</summary>
public static class JournalJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            // Options-level converters outrank [JsonConverter] on a type, so the channel's own converter
            // (110, not "police") has to be listed ahead of the general enum one.
            options.Converters.Insert(0, new IncidentChannelJsonConverter());
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        }
        return options;
    }
}
