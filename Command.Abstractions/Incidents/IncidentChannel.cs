using System.Text.Json.Serialization;
using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>The four emergency numbers merged by 三台合一. The numeric value is the number dialled.</summary>
[JsonConverter(typeof(IncidentChannelJsonConverter))]
[GenerateSerializer]
public enum IncidentChannel
{
    Police = 110,
    Fire = 119,
    Medical = 120,
    Traffic = 122,
}
