using Orleans;
namespace Command.Abstractions.Incidents;

/// <summary>接警 → 派警 → 到场 → 处置 → 办结.</summary>
[GenerateSerializer]
public enum IncidentStatus
{
    Received,
    Dispatched,
    OnScene,
    Handling,
    Closed,
}
