using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>What a called-in 联动单位 is to the case: 牵头 (one per case, answers for the whole) or 协作.</summary>
[GenerateSerializer]
public enum DepartmentRole
{
    Lead,
    Support,
}
